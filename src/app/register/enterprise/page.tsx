import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { RegisterEnterpriseForm } from "@/modules/identity/components/register-enterprise-form";
import { signedInActor } from "@/server/auth/actor";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("identity.registerEnterprise"))("title") };
}

/**
 * 法人注册: a signed-in person registers the enterprise they represent; the licence in the
 * registry decides. Signed out, the page says why to sign in first.
 */
export default async function RegisterEnterprisePage() {
  const self = await signedInActor();
  const t = await getTranslations("identity.registerEnterprise");
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card>
        {self?.role === "citizen" ? (
          <RegisterEnterpriseForm />
        ) : self ? (
          <p>{t("personOnly")}</p>
        ) : (
          <div className="flex flex-col gap-3" data-testid="sign-in-first">
            <p>{t("signInFirst")}</p>
            <div className="flex flex-wrap gap-3">
              <Link
                href={`/sign-in?callbackUrl=${encodeURIComponent("/register/enterprise")}`}
                className="rounded bg-brand-700 px-4 py-2 text-white hover:bg-brand-800"
              >
                {t("signIn")}
              </Link>
              <Link href="/register/citizen" className="rounded border border-brand-700 px-4 py-2 text-brand-700 hover:bg-brand-50">
                {t("registerPerson")}
              </Link>
            </div>
          </div>
        )}
      </Card>
    </div>
  );
}

import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { SignInForm } from "@/modules/identity/components/sign-in-form";
import { oidcEnabled, env } from "@/server/env";
import { signIn } from "@/server/auth";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

type Search = Promise<{ callbackUrl?: string; login?: string; registered?: string; error?: string; mode?: string }>;

/** 个人登录 and 法人登录 (a person's own account, for an enterprise they may act for), as two tabs that are plain links. */
export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const [t, ti] = await Promise.all([getTranslations("signIn"), getTranslations("identity.signIn")]);
  const mode = params.mode === "enterprise" ? "enterprise" : "person";
  const oidc = oidcEnabled();
  async function signInWithOidc() {
    "use server";
    await signIn("oidc", { redirectTo: "/me" });
  }
  const tab = (active: boolean) =>
    `flex-1 rounded-t border-b-2 px-4 py-2 text-center font-medium ${active ? "border-brand-700 bg-white text-brand-800" : "border-transparent text-slate-700 hover:bg-white/60"}`;
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title={t("title")} lead={mode === "enterprise" ? ti("enterpriseLead") : t("lead")} />
      {params.registered ? (
        <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900" data-testid="registered">
          {t("registered")}
        </p>
      ) : null}
      {params.error === "oidcNotLinked" ? (
        <p role="status" className="mb-4 rounded border border-seal-600 bg-red-50 px-3 py-2 text-seal-600">
          {t("oidcNotLinked")}
        </p>
      ) : null}
      <nav aria-label={ti("tabsLabel")} className="flex">
        <Link href="/sign-in" className={tab(mode === "person")} aria-current={mode === "person" ? "page" : undefined}>
          {ti("personTab")}
        </Link>
        <Link href="/sign-in?mode=enterprise" className={tab(mode === "enterprise")} aria-current={mode === "enterprise" ? "page" : undefined}>
          {ti("enterpriseTab")}
        </Link>
      </nav>
      <Card>
        <SignInForm key={mode} mode={mode} callbackUrl={params.callbackUrl} initialLogin={params.login} />
        {oidc && mode === "person" ? (
          <form action={signInWithOidc} className="mt-4 border-t border-slate-200 pt-4">
            <button type="submit" className="w-full rounded border border-brand-700 px-4 py-2 text-brand-700 hover:bg-brand-50">
              {t("oidc", { name: env().OIDC_NAME })}
            </button>
          </form>
        ) : null}
      </Card>
      <p className="mt-4 text-slate-700">
        {t("noAccount")}{" "}
        <Link href="/register" className="text-brand-700 underline">
          {t("registerLink")}
        </Link>
      </p>
    </div>
  );
}

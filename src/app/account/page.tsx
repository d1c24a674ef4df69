import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { ChangePasswordForm } from "@/modules/identity/components/change-password-form";
import { SessionList } from "@/modules/identity/components/session-list";
import { VerifyIdentityButton } from "@/modules/identity/components/verify-identity-button";
import { roles } from "@/modules/identity/model";
import { requireRole } from "@/server/auth/guard";
import { signedInActor } from "@/server/auth/actor";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("identity.account"))("title") };
}

/** 账号与安全: how the account's identity was verified, where it is signed in, its password. */
export default async function AccountPage() {
  await requireRole(roles, "/account");
  const self = await signedInActor();
  const t = await getTranslations("identity.account");
  const caller = await api();
  const [profile, sessions] = await Promise.all([caller.identity.me(), caller.identity.sessions()]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card>
        <h2 className="text-lg font-semibold">{t("verification.title")}</h2>
        <p className="mt-1" data-testid="verification-level">
          {t(`verification.levels.${profile.verification}`)}
        </p>
        {profile.verification === "none" && self?.role === "citizen" ? (
          <div className="mt-3 flex flex-col gap-2">
            <p className="text-slate-700">{t("verification.why")}</p>
            <VerifyIdentityButton />
          </div>
        ) : null}
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">{t("sessions.title")}</h2>
        <p className="mt-1 mb-3 text-slate-700">{t("sessions.lead")}</p>
        <SessionList sessions={sessions} />
      </Card>
      <Card>
        <ChangePasswordForm />
      </Card>
    </div>
  );
}

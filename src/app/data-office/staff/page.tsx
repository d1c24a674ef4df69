import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { StaffAccounts } from "@/modules/identity/components/staff-accounts";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("identity.staff"))("title") };
}

/** The data office's staff accounts: deactivate, move, reset a password; each ends the account's sessions. */
export default async function StaffPage() {
  const actor = await requireRole(["dataOffice"], "/data-office/staff");
  const t = await getTranslations("identity.staff");
  const caller = await api();
  const [accounts, departments] = await Promise.all([caller.identity.staffAccounts(), caller.identity.departments()]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t("title")} lead={t("lead")} />
      <StaffAccounts accounts={accounts} departments={departments} selfId={actor.userId} />
    </div>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { CreateDepartmentForm, CreateStaffAccountForm, DepartmentTable } from "@/modules/identity/components/administration-forms";
import { StaffAccounts } from "@/modules/identity/components/staff-accounts";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("identity.admin"))("title") };
}

/** The administrator's page: the departments (list, edit, create) and the staff accounts (create, list, edit). */
export default async function AdminPage() {
  const actor = await requireRole(["administrator"], "/admin");
  const [t, ts] = await Promise.all([getTranslations("identity.admin"), getTranslations("identity.staff")]);
  const caller = await api();
  const [departments, accounts] = await Promise.all([caller.identity.departments(), caller.identity.staffAccounts()]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")} />
      <section aria-labelledby="departments-heading" className="flex flex-col gap-3">
        <h2 id="departments-heading" className="text-xl font-semibold">
          {t("departments.title")} <span className="text-base font-normal text-slate-600">{t("departments.count", { count: departments.length })}</span>
        </h2>
        <DepartmentTable departments={departments} />
      </section>
      <div className="grid gap-4 md:grid-cols-2">
        <CreateDepartmentForm />
        <CreateStaffAccountForm />
      </div>
      <section aria-labelledby="staff-heading" className="flex flex-col gap-3">
        <h2 id="staff-heading" className="text-xl font-semibold">
          {ts("title")}
        </h2>
        <p className="text-slate-700">{ts("lead")}</p>
        <StaffAccounts accounts={accounts} departments={departments} selfId={actor.userId} />
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { CreateDepartmentForm, CreateStaffAccountForm } from "@/modules/identity/components/administration-forms";
import { requireRole } from "@/server/auth/guard";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("identity.admin"))("title") };
}

/** The administrator's page: new departments and new staff accounts. */
export default async function AdminPage() {
  await requireRole(["administrator"], "/admin");
  const t = await getTranslations("identity.admin");
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t("title")} lead={t("lead")} />
      <div className="grid gap-4 md:grid-cols-2">
        <CreateDepartmentForm />
        <CreateStaffAccountForm />
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { CompanyChangeForm } from "@/modules/registration/components/company-change-form";
import { LifecycleParticulars } from "@/modules/registration/components/lifecycle-particulars";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("registration.lifecycle"))("change.title") };
}

/** 企业变更登记“一件事”: the licence's particulars, changed once; the licence and the records that carry them re-issued. */
export default async function CompanyChangePage() {
  await requireRole(["enterprise"], "/applicant/change");
  const [options, t] = await Promise.all([(await api()).registration.lifecycleOptions(), getTranslations("registration.lifecycle")]);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("change.title")} lead={t("change.lead")} />
      {options.available ? (
        <>
          <LifecycleParticulars options={options} />
          {options.open ? null : <CompanyChangeForm options={options} />}
        </>
      ) : (
        <EmptyState title={t(`unavailable.${options.reason}`)}>{t("unavailable.hint")}</EmptyState>
      )}
    </div>
  );
}

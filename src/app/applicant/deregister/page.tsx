import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { DeregistrationForm } from "@/modules/registration/components/deregistration-form";
import { LifecycleParticulars } from "@/modules/registration/components/lifecycle-particulars";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("registration.lifecycle"))("deregister.title") };
}

/** 企业注销“一件事”: tax, social insurance and housing fund cleared at once, then market regulation deregisters. */
export default async function DeregistrationPage() {
  await requireRole(["enterprise"], "/applicant/deregister");
  const [options, t] = await Promise.all([(await api()).registration.lifecycleOptions(), getTranslations("registration.lifecycle")]);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("deregister.title")} lead={t("deregister.lead")} />
      {options.available ? (
        <>
          <LifecycleParticulars options={options} />
          {options.open ? null : <DeregistrationForm creditCode={options.creditCode} />}
        </>
      ) : (
        <EmptyState title={t(`unavailable.${options.reason}`)}>{t("unavailable.hint")}</EmptyState>
      )}
    </div>
  );
}

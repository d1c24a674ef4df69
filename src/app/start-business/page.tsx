import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ActingForSwitch } from "@/app/_shell/acting-for-switch";
import { NameDeclaration } from "@/modules/registration/components/name-declaration";
import { StartBusinessForm } from "@/modules/registration/components/start-business-form";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("registration.form"))("title") };
}

/** 开办企业: declare and reserve a name, then apply for everything a new enterprise needs in one form. */
export default async function StartBusinessPage() {
  await requireRole(["citizen"], "/start-business");
  const caller = await api();
  const [options, reservations, me, self, t] = await Promise.all([
    caller.registration.options(),
    caller.registration.myReservations(),
    caller.identity.me(),
    caller.registration.founder(),
    getTranslations("registration.form"),
  ]);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")} />
      <ActingForSwitch />
      <NameDeclaration options={options} />
      {reservations.length > 0 ? (
        <StartBusinessForm
          options={options}
          reservations={reservations}
          founder={{ name: self?.name ?? me.displayName, idNumber: self?.idNumber ?? "", idNumberMasked: me.idNumberMasked }}
        />
      ) : (
        <EmptyState title={t("apply.heading")}>{t("apply.noReservation")}</EmptyState>
      )}
    </div>
  );
}

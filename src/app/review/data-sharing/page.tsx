import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { ObjectionList } from "@/modules/sharing/components/objection-list";
import { GrantList, type ServiceNames } from "@/modules/sharing/components/office/grant-list";
import { ResourceTable } from "@/modules/sharing/components/office/resource-table";
import { RevokeCertificateForm } from "@/modules/sharing/components/office/revoke-certificate-form";
import { canDecideGrant } from "@/modules/sharing/model";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing.office.review"))("title") };
}

/** A reviewer's department as a data provider: grant requests, its resources, its certificates. */
export default async function ProviderSharingPage() {
  await requireRole(["reviewer"], "/review/data-sharing");
  const caller = await api();
  const [t, to, locale, profile, grants, resources, guides, objections] = await Promise.all([
    getTranslations("sharing.office"),
    getTranslations("sharing.objections.ui"),
    getLocale(),
    caller.identity.me(),
    caller.sharing.grants(),
    caller.sharing.resources(),
    caller.catalog.guides(),
    caller.sharing.objections({}),
  ]);
  const en = locale === "en";
  const department = profile.department ? (en ? profile.department.nameEn : profile.department.nameZh) : "";
  const ours = resources.filter((r) => r.provider.code === profile.department?.code);
  const pending = grants.filter((g) => canDecideGrant(g.status)).length;
  const services: ServiceNames = Object.fromEntries(guides.services.map((s) => [s.code, { nameZh: s.nameZh, nameEn: s.nameEn }]));
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t("nav.backToReview")}>
        <Link href="/review" className="text-brand-700 underline underline-offset-2">
          ← {t("nav.backToReview")}
        </Link>
      </nav>
      <PageHeader title={t("review.title")} lead={t("review.lead", { department })} />
      <section aria-labelledby="grants-heading" className="flex flex-col gap-3" data-testid="provider-grants">
        <h2 id="grants-heading" className="text-xl font-semibold">
          {t("review.grantsTitle", { count: grants.length, pending })}
        </h2>
        <GrantList grants={grants} viewer="provider" services={services} empty={t("grants.empty")} />
      </section>
      <section aria-labelledby="objections-heading" className="flex flex-col gap-3" data-testid="department-objections">
        <h2 id="objections-heading" className="text-xl font-semibold">
          {to("deptTitle")}
        </h2>
        <p className="text-slate-700">{to("deptLead")}</p>
        <ObjectionList objections={objections} empty={to("deptEmpty")} />
      </section>
      <section aria-labelledby="resources-heading" className="flex flex-col gap-3">
        <h2 id="resources-heading" className="text-xl font-semibold">
          {t("review.resourcesTitle", { count: ours.length })}
        </h2>
        <ResourceTable resources={ours} caption={t("review.resourcesTitle", { count: ours.length })} captionHidden empty={t("review.resourcesEmpty")} />
      </section>
      <section aria-labelledby="certificate-heading" className="flex flex-col gap-3">
        <h2 id="certificate-heading" className="text-xl font-semibold">
          {t("review.certificateTitle")}
        </h2>
        <Card>
          <p className="mb-3 text-slate-700">{t("review.certificateLead")}</p>
          <RevokeCertificateForm />
        </Card>
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { StaffAcceptanceActions } from "@/modules/applications/components/staff-acceptance-actions";
import { StaffCaseSummary } from "@/modules/applications/components/staff-case-summary";
import { StaffDepartments } from "@/modules/applications/components/staff-departments";
import { StaffMaterials } from "@/modules/applications/components/staff-materials";
import { StaffNotices } from "@/modules/applications/components/staff-notices";
import { CaseDocuments } from "@/modules/documents/components/case-documents";
import { CaseClocks } from "@/modules/review/components/case-clocks";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("applications.staff.case"))("title") };
}

type Params = Promise<{ applicationId: string }>;

export default async function WindowCasePage({ params }: { params: Params }) {
  const { applicationId } = await params;
  await requireRole(["windowClerk"], `/window/${applicationId}`);
  if (!/^[0-9a-f-]{36}$/.test(applicationId)) notFound();
  const app = await (await api()).applications.get({ applicationId }).catch(() => null);
  if (!app) notFound();
  const [t, locale, documents, clocks] = await Promise.all([
    getTranslations("applications.staff.case"),
    getLocale(),
    (await api()).documents.forApplication({ applicationId: app.id }),
    (await api()).review.clocks.forApplication({ applicationId: app.id }),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href={app.status === "supplementRequired" ? "/window?status=supplementRequired" : "/window"} className="text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
      <PageHeader title={locale === "en" ? app.titleEn : app.titleZh}>
        {app.submittedAt ? (
          <Link
            href={`/window/${app.id}/receipt`}
            className="inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
          >
            {t("receipt")}
          </Link>
        ) : null}
      </PageHeader>
      <StaffCaseSummary application={app} />
      <StaffMaterials materials={app.materials} />
      <StaffNotices application={app} />
      <StaffDepartments application={app} />
      <CaseClocks clocks={clocks} />
      {documents.length > 0 ? <CaseDocuments documents={documents} /> : null}
      <StaffAcceptanceActions
        application={{ id: app.id, version: app.version, status: app.status, trackingNumber: app.trackingNumber }}
        materials={app.materials.map((m) => ({ key: m.key, nameZh: m.nameZh, nameEn: m.nameEn }))}
      />
    </div>
  );
}

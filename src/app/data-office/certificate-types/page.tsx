import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { CertificateTypeEditor } from "@/modules/catalog/components/certificate-type-editor";
import { CertificateTypeTable } from "@/modules/catalog/components/certificate-type-table";
import { OfficeNav } from "@/modules/sharing/components/office/office-nav";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalog.certificateTypes"))("title") };
}

type Search = Promise<{ edit?: string | string[]; new?: string | string[] }>;

/** 证照类型: the data office keeps what each certificate type says (its fields) and who issues it. */
export default async function CertificateTypesPage({ searchParams }: { searchParams: Search }) {
  await requireRole(["dataOffice"], "/data-office/certificate-types");
  const search = await searchParams;
  const editCode = typeof search.edit === "string" ? search.edit : null;
  const creating = search.new === "1";
  const [t, locale, admin] = await Promise.all([getTranslations("catalog.certificateTypes"), getLocale(), (await api()).catalog.certificateTypes()]);
  const editing = editCode ? (admin.types.find((x) => x.code === editCode) ?? null) : null;
  const en = locale === "en";
  return (
    <div className="flex flex-col gap-6">
      <OfficeNav current="certificateTypes" />
      <PageHeader title={t("title")} lead={t("lead")} />
      {editing || creating ? (
        <Card>
          <h2 className="mb-4 text-xl font-semibold">{editing ? t("editing", { name: en ? editing.nameEn : editing.nameZh }) : t("create")}</h2>
          <CertificateTypeEditor key={editing ? `${editing.code}-${editing.updatedAt.getTime()}` : "new"} type={editing} departments={admin.departments} />
        </Card>
      ) : (
        <p>
          <Link href="/data-office/certificate-types?new=1" className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("create")}
          </Link>
        </p>
      )}
      <CertificateTypeTable types={admin.types} />
    </div>
  );
}

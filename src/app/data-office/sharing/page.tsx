import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { OfficeNav } from "@/modules/sharing/components/office/office-nav";
import { ResourceEditor } from "@/modules/sharing/components/office/resource-editor";
import { ResourceTable } from "@/modules/sharing/components/office/resource-table";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing.office.catalog"))("title") };
}

type Search = Promise<{ resource?: string | string[] }>;

export default async function SharingCatalogPage({ searchParams }: { searchParams: Search }) {
  await requireRole(["dataOffice"], "/data-office/sharing");
  const { resource: selected } = await searchParams;
  const [t, locale, resources] = await Promise.all([getTranslations("sharing.office"), getLocale(), (await api()).sharing.resources()]);
  const editing = resources.find((r) => r.code === selected);
  const name = (r: { nameZh: string; nameEn: string }) => (locale === "en" ? r.nameEn : r.nameZh);
  const overdue = resources.filter((r) => r.overdue).length;
  return (
    <div className="flex flex-col gap-6">
      <OfficeNav current="sharing" />
      <PageHeader title={t("catalog.title")} lead={t("catalog.lead")} />
      {overdue > 0 ? (
        <p className="rounded border border-seal-600 bg-red-50 px-3 py-2 text-seal-600" data-testid="overdue-summary">
          {t("catalog.overdueSummary", { count: overdue })}
        </p>
      ) : null}
      {editing ? (
        <Card>
          <div id="resource-editor" className="scroll-mt-4">
            <h2 className="text-lg font-semibold">{t("editor.title", { name: name(editing) })}</h2>
            <p className="mb-4 text-sm text-slate-600">
              {name(editing.provider)} · <span className="font-mono">{editing.code}</span>
            </p>
            {/* Keyed by the resource alone: a save refreshes the page with the saved values, and a key
                that changed with them would mount a new editor and drop its "已保存。" at once. The
                editor resets itself to what it saved. */}
            <ResourceEditor
              key={editing.code}
              resource={{
                code: editing.code,
                name: name(editing),
                shareType: editing.shareType,
                openType: editing.openType,
                updateFrequency: editing.updateFrequency,
                legalBasis: editing.legalBasis,
              }}
            />
          </div>
        </Card>
      ) : (
        <p className="text-slate-700">{t("catalog.pick")}</p>
      )}
      <ResourceTable
        resources={resources}
        caption={t("catalog.caption", { count: resources.length })}
        editing={editing?.code}
        editHref={(code) => `/data-office/sharing?resource=${encodeURIComponent(code)}#resource-editor`}
      />
    </div>
  );
}

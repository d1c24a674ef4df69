import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { BundleStepsEditor } from "@/modules/catalog/components/bundle-steps-editor";
import { NewBundleForm, PublishBundleButton } from "@/modules/catalog/components/bundle-forms";
import { CatalogVersions } from "@/modules/catalog/components/catalog-versions";
import { formatFee, pick } from "@/modules/catalog/components/format";
import { MaterialsEditor } from "@/modules/catalog/components/materials-editor";
import { NewServiceForm, ServiceEditor } from "@/modules/catalog/components/service-editor";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalog.admin"))("title") };
}

type Search = Promise<{ service?: string }>;

const disclosure = "rounded-lg border border-slate-200 bg-white";
const summary = "cursor-pointer px-4 py-3 text-lg font-semibold text-brand-700";

export default async function CatalogAdminPage({ searchParams }: { searchParams: Search }) {
  await requireRole(["dataOffice"], "/data-office/catalog");
  const { service: selected } = await searchParams;
  const [t, tc, locale, format, catalog] = await Promise.all([
    getTranslations("catalog.admin"),
    getTranslations("catalog"),
    getLocale(),
    getFormatter(),
    (await api()).catalog.adminList(),
  ]);
  const editing = catalog.services.find((s) => s.code === selected);
  const list = (items: string[]) => items.join(locale === "en" ? ", " : "、");
  const choices = { departments: catalog.departments, certificateTypes: catalog.certificateTypes };

  return (
    <div className="flex flex-col gap-8">
      <nav aria-label={t("back")}>
        <Link href="/data-office" className="text-brand-700 underline underline-offset-2">
          ← {t("back")}
        </Link>
      </nav>
      <PageHeader title={t("title")} lead={t("lead")} />
      <p>
        <Link href="/data-office/catalog/lint" className="text-brand-700 underline underline-offset-2">
          {t("lintLink")}
        </Link>
      </p>

      <CatalogVersions version={catalog.version} when={(d) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" })} />

      <section aria-labelledby="services-heading" className="flex flex-col gap-4">
        <h2 id="services-heading" className="text-2xl font-semibold">
          {t("services")}
        </h2>
        <details className={disclosure}>
          <summary className={summary}>{t("newService")}</summary>
          <div className="border-t border-slate-200 p-4">
            <NewServiceForm choices={choices} />
          </div>
        </details>
        {editing ? (
          <Card>
            <div id="service-editor" className="flex scroll-mt-4 flex-col gap-6">
              <div>
                <h3 className="text-lg font-semibold">{t("editService", { name: pick(editing, locale) })}</h3>
                <p className="text-sm text-slate-600">
                  {pick(editing.department, locale)} · <span className="font-mono">{editing.code}</span> ·{" "}
                  {editing.published ? t("publishedNow") : t("unpublished")} ·{" "}
                  {editing.published ? (
                    <Link href={`/guides/${encodeURIComponent(editing.code)}`} className="text-brand-700 underline underline-offset-2">
                      {t("viewGuide")}
                    </Link>
                  ) : null}
                </p>
              </div>
              <ServiceEditor key={editing.code} service={editing} choices={choices} />
              <section aria-labelledby="materials-heading" className="flex flex-col gap-3 border-t border-slate-200 pt-4">
                <h4 id="materials-heading" className="text-lg font-semibold">
                  {t("material.title", { count: editing.materials.length })}
                </h4>
                <MaterialsEditor service={editing} certificateTypes={catalog.certificateTypes} departments={catalog.departments} />
              </section>
            </div>
          </Card>
        ) : (
          <p className="text-slate-700">{t("pickService")}</p>
        )}
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[40rem] text-left text-sm" data-testid="catalog-services">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("table.service")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("table.department")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("table.limits")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("table.fee")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("table.rules")}
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t("edit")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {catalog.services.map((s) => {
                const rules = [
                  s.autoAcceptance ? t("short.autoAcceptance") : null,
                  s.deemedApprovalOnTimeout ? t("short.deemedApprovalOnTimeout") : null,
                  s.published ? null : t("short.unpublished"),
                ].filter((r): r is string => r !== null);
                const current = s.code === editing?.code;
                return (
                  <tr key={s.code} className={`border-t border-slate-100 ${current ? "bg-brand-50" : ""}`} aria-current={current ? "true" : undefined}>
                    <th scope="row" className="px-3 py-2 font-medium">
                      {pick(s, locale)}
                      <span className="block font-mono text-xs font-normal text-slate-600">{s.code}</span>
                    </th>
                    <td className="px-3 py-2">{pick(s.department, locale)}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {s.promisedDays} / {s.statutoryDays}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{formatFee(s.feeFen, locale, tc("free"))}</td>
                    <td className="px-3 py-2">{rules.length ? list(rules) : t("short.none")}</td>
                    <td className="px-3 py-2">
                      <Link
                        href={`/data-office/catalog?service=${encodeURIComponent(s.code)}#service-editor`}
                        className="text-brand-700 underline underline-offset-2"
                      >
                        {current ? t("editing") : t("edit")}
                        <span className="sr-only"> {pick(s, locale)}</span>
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="bundles-heading" className="flex flex-col gap-4">
        <div>
          <h2 id="bundles-heading" className="text-2xl font-semibold">
            {t("bundles")}
          </h2>
          <p className="text-slate-700">{t("bundlesLead")}</p>
        </div>
        <details className={disclosure}>
          <summary className={summary}>{t("newBundle")}</summary>
          <div className="border-t border-slate-200 p-4">
            <NewBundleForm catalog={{ ...choices, services: catalog.services }} />
          </div>
        </details>
        {catalog.bundles.map((b) => (
          <Card key={b.code}>
            <div className="flex flex-col gap-3" data-testid={`bundle-${b.code}`}>
              <h3 className="text-lg font-semibold">
                {pick(b, locale)}{" "}
                {b.published ? null : (
                  <span className="ml-2 inline-block rounded border border-slate-300 bg-slate-100 px-2 py-0.5 text-sm font-normal text-slate-700">
                    {t("unpublished")}
                  </span>
                )}
              </h3>
              <p className="text-sm text-slate-600">
                <span className="font-mono">{b.code}</span> · {t("stepsCount", { steps: b.steps.length, stages: new Set(b.steps.map((s) => s.stage)).size })}
              </p>
              <PublishBundleButton bundle={b} />
              <BundleStepsEditor key={b.steps.map((s) => `${s.key}:${s.needs.join("+")}`).join(",")} bundle={b} />
            </div>
          </Card>
        ))}
      </section>
    </div>
  );
}

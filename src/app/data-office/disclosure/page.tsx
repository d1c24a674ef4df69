import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { Card, PageHeader } from "@/components/page-header";
import { PublishNowButton } from "@/modules/disclosure/components/publish-now-button";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";
import { DemoNotice } from "@/components/demo-notice";
import { hasDemoHistory } from "@/modules/applications/demo-data";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("disclosure.office"))("title") };
}

/** 双公示 for the data office: publish pending decisions now, and every record published late. */
export default async function DataOfficeDisclosurePage() {
  await requireRole(["dataOffice"], "/data-office/disclosure");
  const caller = await api();
  const [t, tPage, tBack, locale, late] = await Promise.all([
    getTranslations("disclosure.office"),
    getTranslations("disclosure.page"),
    getTranslations("review.templates"),
    getLocale(),
    caller.disclosure.late(),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/data-office" className="text-brand-700 underline">
          {tBack("back")}
        </Link>
      </p>
      <PageHeader title={t("title")} lead={t("lead")}>
        <Link href="/disclosure" className="text-brand-700 underline underline-offset-2">
          {t("view")}
        </Link>
      </PageHeader>
      <DemoNotice show={await hasDemoHistory(await getDb())} />
      <Card>
        <PublishNowButton />
      </Card>
      <section aria-labelledby="late-heading" className="flex flex-col gap-3">
        <h2 id="late-heading" className="text-xl font-semibold">
          {t("late")}
        </h2>
        {late.length === 0 ? (
          <EmptyState title={t("noLate")} />
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="late-publications">
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {tPage("table.decisionNumber")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("dueOn")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("publishedOn")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {late.map((l) => (
                  <tr key={`${l.decisionNumber}-${l.licenceNumber ?? ""}`} className="border-t border-slate-100">
                    <th scope="row" className="px-3 py-2 font-normal">
                      <span className="font-mono">{l.decisionNumber}</span>
                      <span className="block text-slate-700">{locale === "en" ? l.departmentEn : l.departmentZh}</span>
                    </th>
                    <td className="px-3 py-2">{l.dueOn}</td>
                    <td className="px-3 py-2 text-red-800">{l.publishedOn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

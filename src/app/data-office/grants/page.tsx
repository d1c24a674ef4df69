import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { GrantList, type ServiceNames } from "@/modules/sharing/components/office/grant-list";
import { ObjectionList } from "@/modules/sharing/components/objection-list";
import { OfficeNav } from "@/modules/sharing/components/office/office-nav";
import { grantAnswerWorkingDays } from "@/modules/sharing/model";
import { RequestGrantForm } from "@/modules/sharing/components/office/request-grant-form";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing.office.grants"))("title") };
}

export default async function SharingGrantsPage() {
  await requireRole(["dataOffice"], "/data-office/grants");
  const caller = await api();
  const [to, lateObjections] = await Promise.all([getTranslations("sharing.objections.ui"), caller.sharing.objections({ late: true })]);
  const [t, locale, grants, resources, departments, catalog] = await Promise.all([
    getTranslations("sharing.office"),
    getLocale(),
    caller.sharing.grants(),
    caller.sharing.resources(),
    caller.identity.departments(),
    caller.catalog.adminList(),
  ]);
  const name = (r: { nameZh: string; nameEn: string }) => (locale === "en" ? r.nameEn : r.nameZh);
  const late = grants.filter((g) => g.late);
  const services: ServiceNames = Object.fromEntries(catalog.services.map((s) => [s.code, { nameZh: s.nameZh, nameEn: s.nameEn }]));
  return (
    <div className="flex flex-col gap-6">
      <OfficeNav current="grants" />
      <PageHeader title={t("grants.title")} lead={t("grants.lead")} />
      <Card>
        <RequestGrantForm
          resources={resources.map((r) => ({ code: r.code, name: name(r), shareType: r.shareType, providerName: name(r.provider) }))}
          departments={departments.map((d) => ({ code: d.code, name: name(d) }))}
          services={catalog.services.map((s) => ({ code: s.code, name: name(s), departmentCode: s.department.code }))}
        />
      </Card>
      <section aria-labelledby="late-grants-heading" className="flex flex-col gap-3" data-testid="late-grants">
        <h2 id="late-grants-heading" className="text-xl font-semibold">
          {t("grants.lateTitle", { count: late.length })}
        </h2>
        <p className="text-sm text-slate-700">{t("grants.lateLead", { days: grantAnswerWorkingDays })}</p>
        {late.length === 0 ? (
          <p className="text-sm text-slate-700">{t("grants.lateEmpty")}</p>
        ) : (
          <ul className="flex flex-col gap-2" data-testid="late-grant-list">
            {late.map((g) => (
              <li key={g.id} data-grant={`${g.resource.code}|${g.consumer.code}`} className="rounded border border-seal-600 bg-white p-3 text-sm">
                <span className="font-semibold">{t("grants.heading", { resource: name(g.resource), consumer: name(g.consumer) })}</span>
                <span className="block text-slate-700">
                  {t("grants.lateLine", {
                    provider: name(g.provider),
                    due: g.answerDueOn ?? "",
                    answered: g.answeredOn ?? "",
                    state: g.answeredOn ? "answered" : "open",
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="late-objections-heading" className="flex flex-col gap-3" data-testid="late-objections">
        <h2 id="late-objections-heading" className="text-xl font-semibold">
          {to("lateTitle")}
        </h2>
        <p className="text-sm text-slate-700">{to("lateLead")}</p>
        <ObjectionList objections={lateObjections} empty={to("lateEmpty")} />
      </section>
      <section aria-labelledby="grants-heading" className="flex flex-col gap-3">
        <h2 id="grants-heading" className="text-xl font-semibold">
          {t("grants.listTitle", { count: grants.length })}
        </h2>
        <GrantList grants={grants} viewer="dataOffice" services={services} empty={t("grants.empty")} />
      </section>
    </div>
  );
}

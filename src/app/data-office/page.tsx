import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card, PageHeader } from "@/components/page-header";
import { NextYearReminder } from "@/modules/calendar/components/calendar-years";
import { DashboardHeadline } from "@/modules/dashboard/components/headline";
import { ProfileCard } from "@/modules/identity/components/profile-card";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";
import { DemoNotice } from "@/components/demo-notice";
import { hasDemoHistory } from "@/modules/applications/demo-data";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("landing"))("dataOffice.title") };
}

export default async function DataOfficeLanding() {
  await requireRole(["dataOffice"], "/data-office");
  const [t, ts, tc, tTemplates, tDisclosure, tIndex, tRatings, tDashboard, tInspections, locale] = await Promise.all([
    getTranslations("landing"),
    getTranslations("sharing.office.nav"),
    getTranslations("calendar.page"),
    getTranslations("review.templates"),
    getTranslations("disclosure.office"),
    getTranslations("serviceIndex.office"),
    getTranslations("ratings.office"),
    getTranslations("dashboard"),
    getTranslations("inspections.office"),
    getLocale(),
  ]);
  const tRisk = await getTranslations("risk.office");
  const tRecognition = await getTranslations("recognition.office");
  const caller = await api();
  const [profile, departments, openQuestions, calendar, volumes] = await Promise.all([
    caller.identity.me(),
    caller.identity.departments(),
    caller.sharing.openQuestionCount(),
    caller.calendar.reminder(),
    caller.dashboard.volumes(),
  ]);
  const sharingLinks = [
    { href: "/data-office/sharing", label: ts("sharing") },
    { href: "/data-office/grants", label: ts("grants") },
    { href: "/data-office/questions", label: openQuestions > 0 ? ts("questionsOpen", { count: openQuestions }) : ts("questions") },
    { href: "/data-office/certificates", label: ts("certificates") },
    { href: "/data-office/providers", label: ts("providers") },
    { href: "/data-office/calendar", label: tc("title") },
    { href: "/data-office/opinion-templates", label: tTemplates("title") },
    { href: "/data-office/disclosure", label: tDisclosure("title") },
    { href: "/data-office/service-index", label: tIndex("title") },
    { href: "/data-office/rectification", label: tRatings("title") },
    { href: "/data-office/risk", label: tRisk("title") },
    { href: "/data-office/inspections", label: tInspections("title") },
    { href: "/data-office/recognition", label: tRecognition("title") },
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("dataOffice.title")} lead={t("dataOffice.lead")}>
        <div className="flex flex-wrap gap-3">
          <Link href="/data-office/dashboard" className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {tDashboard("title")}
          </Link>
          <Link href="/data-office/catalog" className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("dataOffice.catalogLink")}
          </Link>
          {sharingLinks.map((l) => (
            <Link
              key={l.href}
              href={l.href}
              className="inline-block rounded border border-brand-700 bg-white px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
            >
              {l.label}
            </Link>
          ))}
        </div>
      </PageHeader>
      <DemoNotice show={await hasDemoHistory(await getDb())} />
      {calendar.nextYearDue ? <NextYearReminder nextYear={calendar.nextYear} daysLeft={calendar.daysLeft} href="/data-office/calendar" /> : null}
      <DashboardHeadline volumes={volumes} />
      <ProfileCard profile={profile} />
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("dataOffice.departments", { count: departments.length })}</h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-4">
                  {t("dataOffice.code")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("dataOffice.name")}
                </th>
                <th scope="col" className="py-2">
                  {t("dataOffice.staff")}
                </th>
              </tr>
            </thead>
            <tbody>
              {departments.map((d) => (
                <tr key={d.code} className="border-b border-slate-100">
                  <td className="py-2 pr-4 font-mono">{d.code}</td>
                  <td className="py-2 pr-4">{locale === "en" ? d.nameEn : d.nameZh}</td>
                  <td className="py-2">{d.activeStaffCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}

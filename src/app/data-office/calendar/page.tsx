import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Card, PageHeader } from "@/components/page-header";
import { CalendarYears, NextYearReminder, ProvisionalYears } from "@/modules/calendar/components/calendar-years";
import { PublishYearForm } from "@/modules/calendar/components/publish-year-form";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("calendar.page"))("title") };
}

export default async function CalendarPage() {
  await requireRole(["dataOffice"], "/data-office/calendar");
  const [t, calendar] = await Promise.all([getTranslations("calendar.page"), (await api()).calendar.years()]);
  return (
    <div className="flex flex-col gap-6">
      <Link href="/data-office" className="self-start text-brand-700 underline underline-offset-2">
        ← {t("back")}
      </Link>
      <PageHeader title={t("title")} lead={t("lead")} />
      {calendar.nextYearDue ? <NextYearReminder nextYear={calendar.nextYear} daysLeft={calendar.daysLeft} /> : null}
      <Card>
        <PublishYearForm year={calendar.nextYear} />
      </Card>
      <section aria-labelledby="published-years-heading" className="flex flex-col gap-3">
        <h2 id="published-years-heading" className="text-xl font-semibold">
          {t("publishedTitle")}
        </h2>
        <CalendarYears years={calendar.years} />
      </section>
      {calendar.provisionalYears.length > 0 ? (
        <section aria-labelledby="provisional-years-heading" className="flex flex-col gap-3">
          <h2 id="provisional-years-heading" className="text-xl font-semibold">
            {t("provisionalTitle")}
          </h2>
          <p className="text-slate-700">{t("provisionalLead")}</p>
          <ProvisionalYears years={calendar.provisionalYears} />
        </section>
      ) : null}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DemoNotice } from "@/components/demo-notice";
import { PageHeader } from "@/components/page-header";
import { hasDemoHistory } from "@/modules/applications/demo-data";
import { BottleneckSection } from "@/modules/dashboard/components/bottleneck-section";
import { DepartmentSection } from "@/modules/dashboard/components/department-section";
import { FollowUpsSection } from "@/modules/dashboard/components/follow-ups-section";
import { VolumeSection } from "@/modules/dashboard/components/volume-section";
import { requireRole } from "@/server/auth/guard";
import { getDb } from "@/server/db";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

/** The data office's dashboard: volumes, tasks per department, bundle bottlenecks, follow-ups, with charts. */
export default async function DataOfficeDashboardPage() {
  await requireRole(["dataOffice"], "/data-office/dashboard");
  const caller = await api();
  const [t, locale, volumes, departments, bottlenecks, followUps] = await Promise.all([
    getTranslations("dashboard"),
    getLocale(),
    caller.dashboard.volumes(),
    caller.dashboard.departmentTasks(),
    caller.dashboard.bottlenecks(),
    caller.dashboard.followUps(),
  ]);
  const asOf = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(new Date());
  return (
    <div className="flex flex-col gap-8">
      <p>
        <Link href="/data-office" className="text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
      <PageHeader title={t("title")} lead={t("lead")}>
        <p className="text-sm text-slate-700" data-testid="dashboard-as-of">
          {t("asOf", { time: asOf })}
        </p>
      </PageHeader>
      <DemoNotice show={await hasDemoHistory(await getDb())} />
      <VolumeSection volumes={volumes} />
      <DepartmentSection rows={departments} />
      <BottleneckSection data={bottlenecks} />
      <FollowUpsSection data={followUps} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ApplicationTimeline } from "@/modules/applications/components/application-timeline";
import { StaffCaseSummary } from "@/modules/applications/components/staff-case-summary";
import { StaffMaterials } from "@/modules/applications/components/staff-materials";
import { StaffNotices } from "@/modules/applications/components/staff-notices";
import { CaseDocuments } from "@/modules/documents/components/case-documents";
import { CaseClocks } from "@/modules/review/components/case-clocks";
import { ClockActions } from "@/modules/review/components/clock-actions";
import { TaskActionBar } from "@/modules/review/components/task-action-bar";
import { TaskActions } from "@/modules/review/components/task-actions";
import { blockingExtensionStatuses, cancellableTaskStatuses, isRunningTask } from "@/modules/review/model";
import { TaskSummary } from "@/modules/review/components/task-summary";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review.task"))("title") };
}

type Params = Promise<{ taskId: string }>;

export default async function ReviewTaskPage({ params }: { params: Params }) {
  const { taskId } = await params;
  await requireRole(["reviewer"], `/review/tasks/${taskId}`);
  if (!/^[0-9a-f-]{36}$/.test(taskId)) notFound();
  // Another department's task answers like a missing one.
  const detail = await (await api()).review.task({ taskId }).catch(() => null);
  if (!detail) notFound();
  const { task, application: app } = detail;
  const [t, locale, documents, templates, clocks, headQueue] = await Promise.all([
    getTranslations("review.task"),
    getLocale(),
    (await api()).documents.forApplication({ applicationId: app.id }),
    (await api()).review.templates(),
    (await api()).review.clocks.forApplication({ applicationId: app.id }),
    // Null unless the reviewer heads the department (only the head decides extensions).
    (await api()).review.clocks.pendingExtensions(),
  ]);
  // Decidable here: open (the decision claims it) or claimed by this reviewer.
  const decidable = task.status === "open" || (task.status === "claimed" && task.claimedByMe);
  const clock = clocks.tasks.find((c) => c.taskId === task.id);
  const running = isRunningTask(task.status) && decidable;
  const runningPause = clock?.pauses.find((p) => p.running && p.kind !== "supplement");
  const pendingHere = headQueue?.find((x) => x.taskId === task.id);
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/review" className="text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
      <PageHeader title={locale === "en" ? app.titleEn : app.titleZh} />
      <TaskSummary detail={detail} />
      <StaffCaseSummary application={app} />
      <StaffMaterials materials={app.materials} />
      <StaffNotices application={app} />
      <section aria-labelledby="timeline-heading" className="flex flex-col gap-3">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          {t("timeline")}
        </h2>
        <p className="text-slate-700">{t("timelineLead")}</p>
        <ApplicationTimeline tasks={app.tasks} />
      </section>
      <CaseClocks clocks={clocks} taskId={task.id} />
      {documents.length > 0 ? <CaseDocuments documents={documents} /> : null}
      <ClockActions
        taskId={task.id}
        canRequest={running && !clock?.extensions.some((x) => blockingExtensionStatuses.includes(x.status))}
        canPause={running && !runningPause}
        runningPause={runningPause && decidable ? { kind: runningPause.kind, startedOn: runningPause.startedAt.toISOString().slice(0, 10) } : null}
        pending={
          pendingHere ? { id: pendingHere.id, days: pendingHere.days, reason: pendingHere.reason, requestedByName: pendingHere.requestedByName ?? "—" } : null
        }
      />
      <TaskActions
        task={{ id: task.id, version: task.version, status: task.status, claimedByMe: task.claimedByMe }}
        materials={app.materials.map((m) => ({ key: m.key, nameZh: m.nameZh, nameEn: m.nameEn }))}
        cancels={app.tasks
          .filter((other) => other.taskId !== task.id && cancellableTaskStatuses.includes(other.status))
          .map((other) => ({
            serviceName: locale === "en" ? other.serviceNameEn : other.serviceNameZh,
            departmentName: locale === "en" ? other.departmentNameEn : other.departmentNameZh,
          }))}
        templates={templates}
      />
      <TaskActionBar taskId={task.id} decidable={decidable} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { PageHeader } from "@/components/page-header";
import { ApplicationTimeline } from "@/modules/applications/components/application-timeline";
import { StaffCaseSummary } from "@/modules/applications/components/staff-case-summary";
import { StaffMaterials } from "@/modules/applications/components/staff-materials";
import { StaffNotices } from "@/modules/applications/components/staff-notices";
import { CaseDocuments } from "@/modules/documents/components/case-documents";
import { validateCreditCode } from "@/modules/identity/credit-code";
import { ApplicantRisk } from "@/modules/risk/components/applicant-risk";
import { CaseClocks } from "@/modules/review/components/case-clocks";
import { ClockActions } from "@/modules/review/components/clock-actions";
import { TaskActionBar } from "@/modules/review/components/task-action-bar";
import { TaskActions } from "@/modules/review/components/task-actions";
import { TaskAnswers } from "@/modules/review/components/task-answers";
import { TaskCertificates } from "@/modules/review/components/task-certificates";
import { TaskCountersigns } from "@/modules/review/components/task-countersigns";
import { TaskOperations } from "@/modules/review/components/task-operations";
import { blockingExtensionStatuses, cancellableTaskStatuses, isRunningTask, returnableTaskStatuses } from "@/modules/review/model";
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
  const actor = await requireRole(["reviewer"], `/review/tasks/${taskId}`);
  if (!/^[0-9a-f-]{36}$/.test(taskId)) notFound();
  // Another department's task answers like a missing one.
  const detail = await (await api()).review.task({ taskId }).catch(() => null);
  if (!detail) notFound();
  const { task, application: app } = detail;
  const [t, locale, documents, templates, reviewers, transferTargets, countersigns, clocks, headQueue] = await Promise.all([
    getTranslations("review.task"),
    getLocale(),
    (await api()).documents.forApplication({ applicationId: app.id }),
    (await api()).review.templates(),
    (await api()).review.departmentReviewers(),
    (await api()).review.transferTargets({ taskId: task.id }),
    (await api()).review.countersigns({ taskId: task.id }),
    (await api()).review.clocks.forApplication({ applicationId: app.id }),
    // Null unless the reviewer heads the department (only the head decides extensions).
    (await api()).review.clocks.pendingExtensions(),
  ]);
  // An enterprise applicant's risk class and signals, read through the gate (logged in its data
  // log); a refused read (no grant for this department's service) shows as refused, not as an error.
  const risk = validateCreditCode(app.holderCode).valid
    ? await (await api()).risk.applicant({ holderCode: app.holderCode, applicationId: app.id }).catch((error: unknown) => {
        if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
        throw error;
      })
    : undefined;
  const countersignPending = countersigns.some((c) => c.answeredAt === null);
  // Decidable here: open (the decision claims it) or claimed by this reviewer.
  // A substitute (代岗) decides the absent reviewer's tasks as if they were theirs.
  const decidable = task.status === "open" || (task.status === "claimed" && (task.claimedByMe || task.coveredByMe));
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
      <TaskAnswers groups={detail.answers} />
      <TaskCertificates produced={detail.produced} />
      {/* The form's answers are above, grouped; here the documents and the certificates supplied. */}
      <StaffMaterials materials={app.materials.filter((m) => m.source !== "formField")} mayObject />
      <StaffNotices application={app} />
      {risk !== undefined ? <ApplicantRisk view={risk} /> : null}
      <section aria-labelledby="timeline-heading" className="flex flex-col gap-3">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          {t("timeline")}
        </h2>
        <p className="text-slate-700">{t("timelineLead")}</p>
        <ApplicationTimeline tasks={app.tasks} />
      </section>
      <CaseClocks clocks={clocks} taskId={task.id} />
      {documents.length > 0 ? <CaseDocuments documents={documents} /> : null}
      <TaskCountersigns countersigns={countersigns} />
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
        task={{ id: task.id, version: task.version, status: task.status, claimedByMe: task.claimedByMe || task.coveredByMe }}
        materials={app.materials.map((m) => ({ key: m.key, nameZh: m.nameZh, nameEn: m.nameEn }))}
        cancels={app.tasks
          .filter((other) => other.taskId !== task.id && cancellableTaskStatuses.includes(other.status))
          .map((other) => ({
            serviceName: locale === "en" ? other.serviceNameEn : other.serviceNameZh,
            departmentName: locale === "en" ? other.departmentNameEn : other.departmentNameZh,
          }))}
        templates={templates}
      />
      <TaskOperations
        task={{ id: task.id, version: task.version }}
        reassignable={actor.departmentHead === true && isRunningTask(task.status)}
        reviewers={reviewers.filter((r) => r.id !== task.claimedBy)}
        // A reviewer transfers an open task or their own; the head any running one.
        transferTargets={task.status === "open" || (task.status === "claimed" && (task.claimedByMe || actor.departmentHead === true)) ? transferTargets : []}
        countersignable={task.status === "claimed" && task.claimedByMe && !countersignPending}
        colleagues={reviewers.filter((r) => r.id !== actor.userId)}
        returnable={
          !countersignPending &&
          app.status === "inReview" &&
          app.tasks.every((other) => returnableTaskStatuses.includes(other.status)) &&
          (task.status === "open" || (task.status === "claimed" && (task.claimedByMe || actor.departmentHead === true)))
        }
        locale={locale}
      />
      <TaskActionBar taskId={task.id} decidable={decidable} />
    </div>
  );
}

import type { inferRouterOutputs } from "@trpc/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/page-header";
import { StatusBadge } from "@/modules/applications/components/status-badge";
import { ProvisionalBadge } from "@/modules/calendar/components/provisional-badge";
import type { AppRouter } from "@/root/router";

type TaskDetail = inferRouterOutputs<AppRouter>["review"]["task"];

/** This department's share of the case: what it reviews, by when, and who holds it. */
export async function TaskSummary({ detail }: { detail: TaskDetail }) {
  const [t, locale, format] = await Promise.all([getTranslations("review.task"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const { task, application } = detail;
  const line = application.tasks.find((x) => x.taskId === task.id);
  const day = (d: Date) => format.dateTime(d, { year: "numeric", month: "short", day: "numeric" });
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  // Who holds the task matters only while it is to be decided; afterwards the timeline names the decider.
  const claim =
    task.status === "open"
      ? t("unclaimed")
      : task.status === "claimed" && task.claimedAt
        ? task.claimedByMe
          ? t("claimedByMe", { date: when(task.claimedAt) })
          : t("claimedByOther", { date: when(task.claimedAt), name: task.claimedByName ?? "—" })
        : null;
  return (
    <Card className={line?.overdue ? "border-seal-600" : ""}>
      <h2 className="mb-3 text-lg font-semibold">{t("summary")}</h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr] sm:gap-y-2" data-testid="task-summary">
        {line ? (
          <>
            <dt className="text-slate-600">{t("department")}</dt>
            <dd className="mb-2 sm:mb-0">{en ? line.departmentNameEn : line.departmentNameZh}</dd>
            <dt className="text-slate-600">{t("service")}</dt>
            <dd className="mb-2 sm:mb-0">{en ? line.serviceNameEn : line.serviceNameZh}</dd>
          </>
        ) : null}
        <dt className="text-slate-600">{t("status")}</dt>
        <dd className="mb-2 sm:mb-0">
          <StatusBadge status={task.status} kind="task" />
        </dd>
        <dt className="text-slate-600">{t("dueAt")}</dt>
        <dd className="mb-2 flex flex-wrap items-center gap-2 sm:mb-0">
          {task.dueAt ? day(task.dueAt) : <span className="text-slate-600">{t("noDue")}</span>}
          {task.dueAt && task.dueProvisional ? <ProvisionalBadge /> : null}
          {line?.overdue ? (
            <span className="rounded border border-seal-600 bg-red-50 px-2 py-0.5 text-sm font-semibold text-seal-600" data-testid="task-overdue">
              {t("overdue")}
            </span>
          ) : null}
        </dd>
        {claim ? (
          <>
            <dt className="text-slate-600">{t("claimedBy")}</dt>
            <dd>{claim}</dd>
          </>
        ) : null}
      </dl>
      <p className="mt-3">
        <a href="#task-actions-heading" className="font-medium text-brand-700 underline hover:text-brand-800">
          {t("toActions")}
        </a>
      </p>
    </Card>
  );
}

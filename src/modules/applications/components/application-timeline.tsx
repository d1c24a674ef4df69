import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ProvisionalBadge } from "@/modules/calendar/components/provisional-badge";
import type { TaskTimelineView } from "../views";
import { StatusBadge } from "./status-badge";

/**
 * One row per department's task: status, due date, overdue, who decided and when. Used on the
 * applicant's case page, the public tracking page (no names) and the staff pages.
 */
export async function ApplicationTimeline({ tasks }: { tasks: TaskTimelineView[] }) {
  const [t, tr, locale, format] = await Promise.all([
    getTranslations("applications.timeline"),
    getTranslations("exchange.refusal"),
    getLocale(),
    getFormatter(),
  ]);
  const en = locale === "en";
  if (tasks.length === 0) return <p className="text-slate-700">{t("noTasks")}</p>;
  const day = (d: Date) => format.dateTime(d, { year: "numeric", month: "short", day: "numeric" });
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  // 多地联办: where a remote step stands with the partner region (sent, opened there, or refused).
  const remoteState = (remote: NonNullable<TaskTimelineView["remote"]>, region: string) => {
    if (remote.status === "opened") return t("remote.opened", { region, reference: remote.reference ?? "—" });
    if (remote.status === "refusedToOpen") {
      const code = remote.refusalCode ?? "";
      return t("remote.refusedToOpen", { region, reason: code && tr.has(code) ? tr(code) : code || "—" });
    }
    return t("remote.waitingToSend", { region });
  };
  return (
    <ol className="flex flex-col gap-3" aria-label={t("label")}>
      {tasks.map((task) => (
        <li key={task.taskId} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`timeline-${task.stepKey}`}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <p className="font-semibold">{en ? task.departmentNameEn : task.departmentNameZh}</p>
              <p className="text-sm text-slate-700">{en ? task.serviceNameEn : task.serviceNameZh}</p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {task.remote && task.status === "open" ? (
                // Nobody here claims a remote step: it is in the partner region's hands.
                <span
                  className="rounded border border-slate-300 bg-slate-50 px-2 py-0.5 text-sm font-medium text-slate-800"
                  data-testid={`remote-badge-${task.stepKey}`}
                >
                  {t("remote.inReview", { region: en ? task.remote.regionNameEn : task.remote.regionNameZh })}
                </span>
              ) : (
                <StatusBadge status={task.status} kind="task" />
              )}
              {task.overdue ? (
                <span className="rounded border border-seal-600 bg-red-50 px-2 py-0.5 text-sm font-medium text-seal-600">{t("overdue")}</span>
              ) : null}
            </div>
          </div>
          <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            {task.remote ? (
              <>
                <dt className="text-slate-600">{t("remote.label")}</dt>
                <dd data-testid={`remote-${task.stepKey}`} data-status={task.remote.status}>
                  {remoteState(task.remote, en ? task.remote.regionNameEn : task.remote.regionNameZh)}
                </dd>
              </>
            ) : null}
            {task.needs.length > 0 && task.status === "waiting" && !task.awaitingMaterials ? (
              <>
                <dt className="text-slate-600">{t("waitingFor")}</dt>
                <dd>
                  {task.needs
                    .map((n) => tasks.find((x) => x.stepKey === n))
                    .map((x) => (x ? (en ? x.serviceNameEn : x.serviceNameZh) : ""))
                    .join("、")}
                </dd>
              </>
            ) : null}
            {task.awaitingMaterials ? (
              <>
                <dt className="text-slate-600">{t("onHold")}</dt>
                <dd data-testid={`awaiting-materials-${task.stepKey}`}>{t("awaitingMaterials")}</dd>
              </>
            ) : null}
            {task.startedAt ? (
              <>
                <dt className="text-slate-600">{t("started")}</dt>
                <dd>{when(task.startedAt)}</dd>
              </>
            ) : null}
            {task.dueAt ? (
              <>
                <dt className="text-slate-600">{t("due")}</dt>
                <dd className="flex flex-wrap items-center gap-2">
                  {day(task.dueAt)}
                  {task.dueProvisional ? <ProvisionalBadge /> : null}
                </dd>
              </>
            ) : null}
            {task.decidedAt ? (
              <>
                <dt className="text-slate-600">{t("decided")}</dt>
                <dd>
                  {when(task.decidedAt)}
                  {task.decidedByName ? ` · ${task.decidedByName}` : ""}
                  {task.deemedApproval ? ` · ${t("deemed")}` : ""}
                </dd>
              </>
            ) : null}
            {task.reason ? (
              <>
                <dt className="text-slate-600">{t("reason")}</dt>
                <dd>{task.reason}</dd>
              </>
            ) : null}
            {task.requested?.length ? (
              <>
                <dt className="text-slate-600">{t("requested")}</dt>
                <dd>
                  <ul className="list-disc pl-5" data-testid={`requested-${task.stepKey}`}>
                    {task.requested.map((text, i) => (
                      <li key={i}>{text}</li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
          </dl>
        </li>
      ))}
    </ol>
  );
}

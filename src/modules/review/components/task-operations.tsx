"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { SelectField } from "@/components/form/fields";
import { useZodForm } from "@/components/form/use-zod-form";
import { StaffActionForm, StaffOutcome, StaffTextArea, useStaffAction, useStaffOutcome } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import { ZReassignTaskInput, ZRequestCountersignInput, ZReturnToWindowInput, ZTransferTaskInput } from "../ops-inputs";

type Done = "reassign" | "transfer" | "returnToWindow" | "countersign";

export interface ReviewerChoice {
  id: string;
  displayName: string;
}

export interface DepartmentChoice {
  id: string;
  nameZh: string;
  nameEn: string;
}

interface OpProps {
  taskId: string;
  version: number;
  onDone: (done: Done) => void;
  onStale: () => void;
}

/**
 * A department's operations on one task, beside the decision: the head reassigns it; a reviewer
 * transfers (转办) it to a department the catalog names as competent for its service, or sends the
 * case back to the window (退回窗口) while no department has spoken; the reviewer holding it asks a
 * colleague to countersign (加签). Each form
 * asks for a reason and sends the task's version, so an operation on a task someone else just
 * moved is refused as stale and the page shows the current state.
 */
export function TaskOperations({
  task,
  reassignable,
  reviewers,
  transferTargets,
  returnable,
  countersignable,
  colleagues,
  locale,
}: {
  /** The reviewer holds the task and no countersign is pending: they may ask for one. */
  countersignable: boolean;
  /** The department's active reviewers other than the signed-in one. */
  colleagues: ReviewerChoice[];
  /** The case may go back to the window: in review, no department has spoken yet. */
  returnable: boolean;
  task: { id: string; version: number };
  /** The competent departments it may be transferred to; empty when it may not be transferred. */
  transferTargets: DepartmentChoice[];
  locale: string;
  /** The head sees the reassignment form (open and claimed tasks). */
  reassignable: boolean;
  /** The department's active reviewers other than the one holding the task. */
  reviewers: ReviewerChoice[];
}) {
  const t = useTranslations("review.ops");
  const { done, stale, onDone, onStale } = useStaffOutcome<Done>();
  const props: OpProps = { taskId: task.id, version: task.version, onDone, onStale };
  if (!reassignable && transferTargets.length === 0 && !returnable && !countersignable && !done) return null;
  return (
    <section aria-labelledby="task-operations-heading" className="flex flex-col gap-4" data-testid="task-operations">
      <h2 id="task-operations-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="text-slate-700">{t("lead")}</p>
      <StaffOutcome done={done ? t(`done.${done}`) : null} stale={stale ? t("stale") : null} />
      <div key={task.version} className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {reassignable ? <ReassignForm {...props} reviewers={reviewers} /> : null}
        {transferTargets.length > 0 ? <TransferForm {...props} targets={transferTargets} locale={locale} /> : null}
        {countersignable ? <CountersignForm {...props} colleagues={colleagues} /> : null}
        {returnable ? <ReturnForm {...props} /> : null}
      </div>
    </section>
  );
}

function ReassignForm({ taskId, version, onDone, onStale, reviewers }: OpProps & { reviewers: ReviewerChoice[] }) {
  const t = useTranslations("review.ops");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.reassign.mutationOptions());
  const form = useZodForm(ZReassignTaskInput, { defaultValues: { taskId, version, assigneeId: "", reason: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("reassign"), stale: onStale });
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("reassign.legend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("reassign.submit")}
    >
      <p className="text-slate-700">{t("reassign.hint")}</p>
      <SelectField
        form={form}
        name="assigneeId"
        idPrefix="reassign"
        label={t("reassign.assignee")}
        placeholder={t("reassign.choose")}
        options={reviewers.map((r) => ({ value: r.id, label: r.displayName }))}
      />
      <StaffTextArea form={form} name="reason" idPrefix="reassign" label={t("reason")} hint={t("reasonHint")} required />
    </StaffActionForm>
  );
}

function TransferForm({ taskId, version, onDone, onStale, targets, locale }: OpProps & { targets: DepartmentChoice[]; locale: string }) {
  const t = useTranslations("review.ops");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.transfer.mutationOptions());
  const form = useZodForm(ZTransferTaskInput, { defaultValues: { taskId, version, departmentId: "", reason: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("transfer"), stale: onStale });
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("transfer.legend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("transfer.submit")}
      tone="secondary"
    >
      <p className="text-slate-700">{t("transfer.hint")}</p>
      <SelectField
        form={form}
        name="departmentId"
        idPrefix="transfer"
        label={t("transfer.department")}
        placeholder={t("transfer.choose")}
        options={targets.map((d) => ({ value: d.id, label: locale === "en" ? d.nameEn : d.nameZh }))}
      />
      <StaffTextArea form={form} name="reason" idPrefix="transfer" label={t("reason")} hint={t("reasonHint")} required />
    </StaffActionForm>
  );
}

function ReturnForm({ taskId, version, onDone, onStale }: OpProps) {
  const t = useTranslations("review.ops");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.returnToWindow.mutationOptions());
  const form = useZodForm(ZReturnToWindowInput, { defaultValues: { taskId, version, reason: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("returnToWindow"), stale: onStale });
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("returnToWindow.legend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("returnToWindow.submit")}
      tone="secondary"
    >
      <p className="text-slate-700">{t("returnToWindow.hint")}</p>
      <StaffTextArea form={form} name="reason" idPrefix="return" label={t("reason")} hint={t("reasonHint")} required />
    </StaffActionForm>
  );
}

function CountersignForm({ taskId, version, onDone, onStale, colleagues }: OpProps & { colleagues: ReviewerChoice[] }) {
  const t = useTranslations("review.ops");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.requestCountersign.mutationOptions());
  const form = useZodForm(ZRequestCountersignInput, { defaultValues: { taskId, version, countersignerId: "", reason: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("countersign"), stale: onStale });
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("countersign.legend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("countersign.submit")}
      tone="secondary"
    >
      <p className="text-slate-700">{t("countersign.hint")}</p>
      <SelectField
        form={form}
        name="countersignerId"
        idPrefix="countersign"
        label={t("countersign.countersigner")}
        placeholder={t("reassign.choose")}
        options={colleagues.map((r) => ({ value: r.id, label: r.displayName }))}
      />
      <StaffTextArea form={form} name="reason" idPrefix="countersign" label={t("reason")} hint={t("reasonHint")} required />
    </StaffActionForm>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useZodForm } from "@/components/form/use-zod-form";
import { FieldError, fieldId, inputClass } from "@/components/form/fields";
import { StaffActionForm, StaffOutcome, StaffTextArea, useStaffAction, useStaffOutcome } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import { ZDecideExtensionInput, ZEndPauseInput, ZRequestExtensionInput, ZStartPauseInput } from "../clock-inputs";
import { maxExtensionDays, pauseKinds, type PauseKind } from "../model";

type Done = "requested" | "approved" | "refused" | "paused" | "resumed";
interface Outcome {
  onDone: (d: Done) => void;
  onStale: () => void;
}

const [ZApproveExtension, ZRefuseExtension] = ZDecideExtensionInput.options;

/**
 * The clock's actions on a task page: ask for an extension (the reviewer), approve or refuse it
 * (the department's head), start or end a pause for a hearing, an inspection or expert review.
 */
export function ClockActions({
  taskId,
  canRequest,
  canPause,
  runningPause,
  pending,
}: {
  taskId: string;
  /** The task runs, the reviewer may act on it, and no extension stands in the way. */
  canRequest: boolean;
  canPause: boolean;
  runningPause: { kind: PauseKind | "supplement"; startedOn: string } | null;
  /** The request awaiting this head's decision, if the viewer is the department's head. */
  pending: { id: string; days: number; reason: string; requestedByName: string } | null;
}) {
  const t = useTranslations("review.clocks.forms");
  const { done, stale, onDone, onStale } = useStaffOutcome<Done>();
  const on: Outcome = { onDone, onStale };
  if (!canRequest && !canPause && !runningPause && !pending && !done) return null;
  return (
    <section aria-labelledby="clock-actions-heading" className="flex flex-col gap-4" data-testid="clock-actions">
      <h2 id="clock-actions-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <StaffOutcome done={done ? t(`done.${done}`) : null} stale={stale ? t("stale") : null} />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {pending ? <DecideExtensionForms key={pending.id} pending={pending} {...on} /> : null}
        {canRequest ? <RequestExtensionForm taskId={taskId} {...on} /> : null}
        {runningPause ? <EndPauseForm taskId={taskId} pause={runningPause} {...on} /> : canPause ? <StartPauseForm taskId={taskId} {...on} /> : null}
      </div>
    </section>
  );
}

function RequestExtensionForm({ taskId, onDone, onStale }: Outcome & { taskId: string }) {
  const t = useTranslations("review.clocks.forms");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.clocks.requestExtension.mutationOptions());
  const form = useZodForm(ZRequestExtensionInput, { defaultValues: { taskId, days: maxExtensionDays, reason: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("requested"), stale: onStale });
  const id = fieldId("days", "extension");
  const error = form.formState.errors.days?.message;
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("requestLegend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("request")}
      tone="secondary"
    >
      <p className="text-sm text-slate-700">{t("requestHint")}</p>
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="font-medium text-slate-800">
          {t("daysLabel")}
        </label>
        <select
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={`${inputClass} max-w-xs`}
          {...form.register("days", { valueAsNumber: true })}
        >
          {Array.from({ length: maxExtensionDays }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-error`} name="days" message={error} />
      </div>
      <StaffTextArea form={form} name="reason" idPrefix="extension" label={t("reasonLabel")} required />
    </StaffActionForm>
  );
}

function DecideExtensionForms({ pending: p, onDone, onStale }: Outcome & { pending: { id: string; days: number; reason: string; requestedByName: string } }) {
  const t = useTranslations("review.clocks.forms");
  const trpc = useTRPC();
  const approve = useMutation(trpc.review.clocks.decideExtension.mutationOptions());
  const refuse = useMutation(trpc.review.clocks.decideExtension.mutationOptions());
  const approveForm = useZodForm(ZApproveExtension, { defaultValues: { extensionId: p.id, outcome: "approve", note: "" } });
  const refuseForm = useZodForm(ZRefuseExtension, { defaultValues: { extensionId: p.id, outcome: "refuse", note: "" } });
  const approving = useStaffAction(approveForm, (v) => approve.mutateAsync({ ...v, note: v.note || undefined }), approve.isSuccess, {
    done: () => onDone("approved"),
    stale: onStale,
  });
  const refusing = useStaffAction(refuseForm, refuse.mutateAsync, refuse.isSuccess, { done: () => onDone("refused"), stale: onStale });
  const hint = t("decideHint", { name: p.requestedByName, days: p.days, reason: p.reason });
  return (
    <>
      <StaffActionForm
        onSubmit={approving.onSubmit}
        pending={approving.pending}
        legend={t("decideLegend")}
        error={approveForm.formState.errors.root?.server?.message}
        submitLabel={t("approve")}
      >
        <p className="text-slate-800" data-testid="extension-request">
          {hint}
        </p>
        <StaffTextArea form={approveForm} name="note" idPrefix="extension-approve" label={t("approveNoteLabel")} />
      </StaffActionForm>
      <StaffActionForm
        onSubmit={refusing.onSubmit}
        pending={refusing.pending}
        legend={t("refuseLegend")}
        error={refuseForm.formState.errors.root?.server?.message}
        submitLabel={t("refuse")}
        tone="danger"
      >
        <StaffTextArea form={refuseForm} name="note" idPrefix="extension-refuse" label={t("refuseNoteLabel")} required />
      </StaffActionForm>
    </>
  );
}

function StartPauseForm({ taskId, onDone, onStale }: Outcome & { taskId: string }) {
  const t = useTranslations("review.clocks.forms");
  const tk = useTranslations("review.clocks.pauseKind");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.clocks.startPause.mutationOptions());
  const form = useZodForm(ZStartPauseInput, { defaultValues: { taskId, kind: "hearing", reason: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("paused"), stale: onStale });
  const error = form.formState.errors.kind?.message;
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("pauseLegend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("startPause")}
      tone="secondary"
    >
      <p className="text-sm text-slate-700">{t("pauseHint")}</p>
      <fieldset className="flex flex-col gap-1" aria-describedby={error ? "pause-kind-error" : undefined}>
        <legend className="font-medium text-slate-800">{t("kindLabel")}</legend>
        {pauseKinds.map((k) => (
          <label key={k} className="flex items-center gap-2">
            <input type="radio" value={k} {...form.register("kind")} />
            {tk(k)}
          </label>
        ))}
        <FieldError id="pause-kind-error" name="kind" message={error} />
      </fieldset>
      <StaffTextArea form={form} name="reason" idPrefix="pause" label={t("pauseReasonLabel")} required />
    </StaffActionForm>
  );
}

function EndPauseForm({ taskId, pause, onDone, onStale }: Outcome & { taskId: string; pause: { kind: PauseKind | "supplement"; startedOn: string } }) {
  const t = useTranslations("review.clocks.forms");
  const tk = useTranslations("review.clocks.pauseKind");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.clocks.endPause.mutationOptions());
  const form = useZodForm(ZEndPauseInput, { defaultValues: { taskId } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("resumed"), stale: onStale });
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("endLegend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("endPause")}
    >
      <p className="text-slate-800">{t("endHint", { kind: tk(pause.kind), date: pause.startedOn })}</p>
      <FieldError id="end-pause-error" name="taskId" message={form.formState.errors.taskId?.message} />
    </StaffActionForm>
  );
}

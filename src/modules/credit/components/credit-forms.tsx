"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { FieldError, SelectField, TextField } from "@/components/form/fields";
import { StaffActionForm, StaffOutcome, StaffTextArea, useStaffAction, useStaffOutcome } from "@/components/form/staff-form-parts";
import { useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZAnswerObjectionInput, ZApplyRepairInput, ZDecideRepairInput, ZFileObjectionInput, ZRecordCreditInput } from "../inputs";
import { departmentRecordedKinds, penaltySeverities } from "../model";

/** The subject objects to a record of theirs (异议). */
export function ObjectionForm({ recordId }: { recordId: string }) {
  const t = useTranslations("credit.mine");
  const trpc = useTRPC();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.credit.object.mutationOptions());
  const form = useZodForm(ZFileObjectionInput, { defaultValues: { recordId, reason: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("done"), stale: onStale });
  const prefix = `object-${recordId}`;
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("objected") : null} stale={stale ? t("stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("objectLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("objectSubmit")}
      >
        <StaffTextArea form={form} name="reason" idPrefix={prefix} label={t("objectReason")} required rows={2} />
      </StaffActionForm>
    </div>
  );
}

/** The subject applies for credit repair (信用修复). */
export function RepairForm({ recordId }: { recordId: string }) {
  const t = useTranslations("credit.mine");
  const trpc = useTRPC();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.credit.applyRepair.mutationOptions());
  const form = useZodForm(ZApplyRepairInput, { defaultValues: { recordId, reason: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("done"), stale: onStale });
  const prefix = `repair-${recordId}`;
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("repaired") : null} stale={stale ? t("stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("repairLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("repairSubmit")}
        tone="secondary"
      >
        <StaffTextArea form={form} name="reason" idPrefix={prefix} label={t("repairReason")} required rows={2} />
      </StaffActionForm>
    </div>
  );
}

/** A department records a penalty, an honour or a dishonesty-list entry. */
export function RecordCreditForm() {
  const t = useTranslations("credit");
  const trpc = useTRPC();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.credit.record.mutationOptions());
  const form = useZodForm(ZRecordCreditInput, {
    defaultValues: {
      kind: "" as never,
      subjectCode: "",
      title: "",
      content: "",
      legalBasis: "",
      documentNumber: "",
      severity: "" as never,
      decidedOn: "",
      validUntil: "",
    },
  });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, {
    done: () => {
      form.reset();
      mutation.reset();
      onDone("done");
    },
    stale: onStale,
  });
  const prefix = "record";
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("department.recorded") : null} stale={stale ? t("department.stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("department.recordLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("department.recordSubmit")}
      >
        <SelectField
          form={form}
          name="kind"
          idPrefix={prefix}
          label={t("fields.kind")}
          placeholder={t("department.kindPlaceholder")}
          options={departmentRecordedKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <TextField form={form} name="subjectCode" idPrefix={prefix} label={t("department.subjectCode")} autoComplete="off" />
        <TextField form={form} name="title" idPrefix={prefix} label={t("fields.title")} />
        <StaffTextArea form={form} name="content" idPrefix={prefix} label={t("fields.content")} required rows={3} />
        <TextField form={form} name="legalBasis" idPrefix={prefix} label={t("fields.legalBasis")} />
        <TextField form={form} name="documentNumber" idPrefix={prefix} label={t("fields.documentNumber")} />
        <SelectField
          form={form}
          name="severity"
          idPrefix={prefix}
          label={t("fields.severity")}
          placeholder={t("department.severityPlaceholder")}
          options={penaltySeverities.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
        />
        <TextField form={form} name="decidedOn" idPrefix={prefix} type="date" label={t("fields.decidedOn")} />
        <TextField form={form} name="validUntil" idPrefix={prefix} type="date" label={t("fields.validUntil")} hint={t("department.validUntilHint")} />
      </StaffActionForm>
    </div>
  );
}

/** The source department answers an objection: correct the record (a new version) or keep it. */
export function AnswerObjectionForm({ objectionId, version }: { objectionId: string; version: number }) {
  const t = useTranslations("credit.department");
  const trpc = useTRPC();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.credit.answerObjection.mutationOptions());
  const form = useZodForm(ZAnswerObjectionInput, {
    defaultValues: { objectionId, version, outcome: "" as never, answer: "", correction: { title: "", content: "" } },
  });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("done"), stale: onStale });
  const prefix = `answer-${objectionId}`;
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("answered") : null} stale={stale ? t("stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("answerLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("answerSubmit")}
      >
        <SelectField
          form={form}
          name="outcome"
          idPrefix={prefix}
          label={t("outcome")}
          placeholder={t("outcomePlaceholder")}
          options={[
            { value: "correct", label: t("outcomeCorrect") },
            { value: "uphold", label: t("outcomeUphold") },
          ]}
        />
        <StaffTextArea form={form} name="answer" idPrefix={prefix} label={t("answer")} required rows={2} />
        <TextField form={form} name="correction.title" idPrefix={prefix} label={t("correctedTitle")} />
        <StaffTextArea form={form} name="correction.content" idPrefix={prefix} label={t("correctedContent")} rows={2} />
        <FieldError id={`${prefix}-correction-error`} name="correction" message={form.formState.errors.correction?.message} />
      </StaffActionForm>
    </div>
  );
}

/** The source department grants or refuses a repair. */
export function DecideRepairForm({ repairId, version }: { repairId: string; version: number }) {
  const t = useTranslations("credit.department");
  const trpc = useTRPC();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.credit.decideRepair.mutationOptions());
  const form = useZodForm(ZDecideRepairInput, { defaultValues: { repairId, version, decision: "" as never, reason: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("done"), stale: onStale });
  const prefix = `decide-${repairId}`;
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("decided") : null} stale={stale ? t("stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("decideLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("decideSubmit")}
      >
        <SelectField
          form={form}
          name="decision"
          idPrefix={prefix}
          label={t("decision")}
          placeholder={t("decisionPlaceholder")}
          options={[
            { value: "grant", label: t("grant") },
            { value: "refuse", label: t("refuse") },
          ]}
        />
        <StaffTextArea form={form} name="reason" idPrefix={prefix} label={t("decisionReason")} required rows={2} />
      </StaffActionForm>
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { SelectField } from "@/components/form/fields";
import { StaffActionForm, StaffOutcome, StaffTextArea, useStaffAction, useStaffOutcome } from "@/components/form/staff-form-parts";
import { useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZAnswerRectificationInput, ZDecideAppealInput } from "../inputs";
import { appealDecisions, rectificationClassifications } from "../model";

/** The department classifies a bad rating, replies to the applicant and records what it changed. */
export function AnswerRectificationForm({ itemId, version }: { itemId: string; version: number }) {
  const t = useTranslations("ratings");
  const trpc = useTRPC();
  const router = useRouter();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.ratings.answer.mutationOptions());
  const form = useZodForm(ZAnswerRectificationInput, {
    defaultValues: { itemId, version, classification: "" as never, classificationReason: "", reply: "", changes: "" },
  });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, {
    done: () => {
      onDone("done");
      router.refresh();
    },
    stale: onStale,
  });
  const prefix = `answer-${itemId}`;
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("department.done") : null} stale={stale ? t("department.stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("department.answerLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("department.submit")}
      >
        <SelectField
          form={form}
          name="classification"
          idPrefix={prefix}
          label={t("department.classificationLabel")}
          placeholder={t("department.classificationPlaceholder")}
          options={rectificationClassifications.map((c) => ({ value: c, label: t(`rectification.classification.${c}`) }))}
        />
        <StaffTextArea form={form} name="classificationReason" idPrefix={prefix} label={t("department.classificationReasonLabel")} required rows={2} />
        <StaffTextArea form={form} name="reply" idPrefix={prefix} label={t("department.replyLabel")} required rows={3} />
        <StaffTextArea form={form} name="changes" idPrefix={prefix} label={t("department.changesLabel")} rows={2} />
      </StaffActionForm>
    </div>
  );
}

/** The data office upholds or dismisses an applicant's appeal, with its reason. */
export function DecideAppealForm({ itemId, version }: { itemId: string; version: number }) {
  const t = useTranslations("ratings");
  const trpc = useTRPC();
  const router = useRouter();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.ratings.decideAppeal.mutationOptions());
  const form = useZodForm(ZDecideAppealInput, { defaultValues: { itemId, version, decision: "" as never, reason: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, {
    done: () => {
      onDone("done");
      router.refresh();
    },
    stale: onStale,
  });
  const prefix = `decide-${itemId}`;
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("office.done") : null} stale={stale ? t("office.stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("office.decideLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("office.submit")}
      >
        <SelectField
          form={form}
          name="decision"
          idPrefix={prefix}
          label={t("office.decisionLabel")}
          placeholder={t("office.decisionPlaceholder")}
          options={appealDecisions.map((d) => ({ value: d, label: t(`rectification.decision.${d}`) }))}
        />
        <StaffTextArea form={form} name="reason" idPrefix={prefix} label={t("office.reasonLabel")} required rows={2} />
      </StaffActionForm>
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/form/fields";
import { useZodForm } from "@/components/form/use-zod-form";
import { StaffActionForm, StaffOutcome, StaffTextArea, useStaffAction, useStaffOutcome } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import { ZAppointSubstituteInput } from "../ops-inputs";
import type { ReviewerChoice } from "./task-operations";

/** The head names a substitute (代岗) for an absent reviewer of the department, for a range of days. */
export function SubstituteForm({ reviewers, today }: { reviewers: ReviewerChoice[]; today: string }) {
  const t = useTranslations("review.ops.substitutes");
  const ops = useTranslations("review.ops");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.appointSubstitute.mutationOptions());
  const { done, stale, onDone, onStale } = useStaffOutcome<"appointed">();
  const form = useZodForm(ZAppointSubstituteInput, { defaultValues: { absentUserId: "", substituteUserId: "", startsOn: today, endsOn: today, reason: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, {
    // Start afresh for the next substitute; the list above is refreshed with the one just named.
    done: () => {
      onDone("appointed");
      form.reset();
      mutation.reset();
    },
    stale: onStale,
  });
  const options = reviewers.map((r) => ({ value: r.id, label: r.displayName }));
  return (
    <div className="flex flex-col gap-3">
      <StaffOutcome done={done ? t("done") : null} stale={stale ? ops("stale") : null} />
      <StaffActionForm onSubmit={onSubmit} pending={pending} legend={t("legend")} error={form.formState.errors.root?.server?.message} submitLabel={t("submit")}>
        <SelectField form={form} name="absentUserId" idPrefix="substitute" label={t("absent")} placeholder={ops("reassign.choose")} options={options} />
        <SelectField form={form} name="substituteUserId" idPrefix="substitute" label={t("substitute")} placeholder={ops("reassign.choose")} options={options} />
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <TextField form={form} name="startsOn" idPrefix="substitute" type="date" label={t("startsOn")} />
          <TextField form={form} name="endsOn" idPrefix="substitute" type="date" label={t("endsOn")} hint={t("endsOnHint")} />
        </div>
        <StaffTextArea form={form} name="reason" idPrefix="substitute" label={ops("reason")} hint={ops("reasonHint")} required />
      </StaffActionForm>
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ClientForm } from "@/components/form/client-form";
import { FormError, SubmitButton, TextAreaField, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZDecideDataObjectionInput } from "../inputs";

/**
 * The issuing department decides an objection: correct the field (a new signed version of the
 * certificate; the old one kept as superseded) or answer why the data stands.
 */
export function DecideObjectionForm({ objectionId, version, proposedValue }: { objectionId: string; version: number; proposedValue: string | null }) {
  const t = useTranslations("sharing.objections.ui");
  const router = useRouter();
  const trpc = useTRPC();
  const decide = useMutation(trpc.sharing.decideObjection.mutationOptions());
  const form = useZodForm(ZDecideDataObjectionInput, { defaultValues: { objectionId, version, decision: "correct", value: proposedValue ?? "", answer: "" } });
  const decision = form.watch("decision");
  const idPrefix = `decide-${objectionId}`;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await decide.mutateAsync(values);
      router.refresh();
    } catch (e) {
      applyServerErrors(form, e);
    }
  });

  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-3 border-t border-slate-200 pt-3" data-testid="decide-objection">
      <fieldset disabled={form.formState.isSubmitting} className="flex flex-col gap-3">
        <legend className="font-medium text-slate-800">{t("decideLegend")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <div className="flex flex-wrap gap-x-6 gap-y-1">
          <div className="flex items-center gap-2">
            <input id={`${idPrefix}-decision-correct`} type="radio" value="correct" className="h-5 w-5" {...form.register("decision")} />
            <label htmlFor={`${idPrefix}-decision-correct`}>{t("decision.correct")}</label>
          </div>
          <div className="flex items-center gap-2">
            <input id={`${idPrefix}-decision-answer`} type="radio" value="answer" className="h-5 w-5" {...form.register("decision")} />
            <label htmlFor={`${idPrefix}-decision-answer`}>{t("decision.answer")}</label>
          </div>
        </div>
        {decision === "correct" ? <TextField form={form} name="value" label={t("correctValue")} hint={t("correctHint")} idPrefix={idPrefix} /> : null}
        <TextAreaField form={form} name="answer" label={decision === "correct" ? t("correctNote") : t("answerReason")} idPrefix={idPrefix} />
        <div>
          <SubmitButton pending={form.formState.isSubmitting}>{decision === "correct" ? t("submitCorrect") : t("submitAnswer")}</SubmitButton>
        </div>
      </fieldset>
    </ClientForm>
  );
}

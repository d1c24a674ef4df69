"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, SubmitButton } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { isStaleError, StaffOutcome, StaffTextArea } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import { ZAnswerQuestionInput } from "../../inputs";
import { ClientForm } from "@/components/form/client-form";

/** The data office answers one question once; the holder who asked is told. */
export function AnswerForm({ questionId, asker }: { questionId: string; asker: string }) {
  const t = useTranslations("sharing.office");
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState(false);
  const [stale, setStale] = useState(false);
  const mutation = useMutation(trpc.sharing.answerQuestion.mutationOptions());
  const form = useZodForm(ZAnswerQuestionInput, { defaultValues: { questionId, answer: "" } });
  const pending = form.formState.isSubmitting || mutation.isSuccess;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync(values);
      setDone(true);
      router.refresh();
    } catch (error) {
      applyServerErrors(form, error);
      if (isStaleError(error)) {
        setStale(true);
        router.refresh();
      }
    }
  });
  const legend = t("questions.heading", { asker });
  return (
    <ClientForm onSubmit={onSubmit} noValidate data-testid="answer-form">
      <StaffOutcome done={done ? t("questions.done") : null} stale={stale ? t("common.stale") : null} />
      <fieldset disabled={pending} aria-busy={pending} className="flex flex-col gap-3">
        <legend className="sr-only">{legend}</legend>
        <FormError message={form.formState.errors.root?.server?.message ?? form.formState.errors.questionId?.message} />
        <StaffTextArea
          form={form}
          name="answer"
          idPrefix={`question-${questionId}`}
          label={t("questions.answerLabel")}
          hint={t("questions.answerHint")}
          required
          rows={4}
        />
        <div>
          <SubmitButton pending={pending}>{pending && !done ? t("questions.submitting") : t("questions.submit")}</SubmitButton>
        </div>
      </fieldset>
    </ClientForm>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, SubmitButton, useMessage } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZAskQuestionInput } from "../inputs";
import { ClientForm } from "@/components/form/client-form";

/**
 * The holder questions one read of their data (对这次读取提出疑问). After it is sent the page
 * refreshes and shows the question in place of the form.
 */
export function QuestionForm({ logId, context }: { logId: string; context: string }) {
  const t = useTranslations("sharing.holder.question");
  const message = useMessage();
  const router = useRouter();
  const trpc = useTRPC();
  const ask = useMutation(trpc.sharing.askQuestion.mutationOptions());
  const [sent, setSent] = useState(false);
  const form = useZodForm(ZAskQuestionInput, { defaultValues: { logId, question: "" } });
  const id = `question-${logId}`;
  const error = form.formState.errors.question?.message;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await ask.mutateAsync(values);
      setSent(true);
      router.refresh();
    } catch (e) {
      applyServerErrors(form, e);
    }
  });

  return (
    <details className="group rounded border border-slate-300 bg-slate-50">
      <summary className="cursor-pointer rounded px-3 py-2 font-medium text-brand-700 hover:bg-brand-50">
        {t("summary")}
        <span className="sr-only">{context}</span>
      </summary>
      <ClientForm onSubmit={onSubmit} noValidate className="border-t border-slate-300 p-3" data-testid="question-form">
        <fieldset disabled={form.formState.isSubmitting || sent} className="flex flex-col gap-2">
          <legend className="sr-only">{t("summary")}</legend>
          <FormError message={form.formState.errors.root?.server?.message} />
          <label htmlFor={id} className="font-medium text-slate-800">
            {t("label")}
            <span className="sr-only">{context}</span>
          </label>
          <p id={`${id}-hint`} className="text-sm text-slate-600">
            {t("hint")}
          </p>
          <textarea
            id={id}
            rows={3}
            aria-invalid={error ? true : undefined}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
            className="rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-seal-600"
            {...form.register("question")}
          />
          {error ? (
            <p id={`${id}-error`} className="text-sm text-seal-600" data-testid="error-question">
              {message(error)}
            </p>
          ) : null}
          <div>
            <SubmitButton pending={form.formState.isSubmitting}>{form.formState.isSubmitting ? t("sending") : t("submit")}</SubmitButton>
          </div>
          {sent ? (
            <p role="status" className="text-sm text-green-900">
              {t("sent")}
            </p>
          ) : null}
        </fieldset>
      </ClientForm>
    </details>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CheckboxField, FormError, TextAreaField, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZDeregistrationInput } from "../inputs";
import { ClientForm } from "@/components/form/client-form";

function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The deregistration form: the enterprise acted for (its code, from the licence), the reason, the liquidation declared done. */
export function DeregistrationForm({ creditCode }: { creditCode: string }) {
  const t = useTranslations("registration.lifecycle");
  const router = useRouter();
  const trpc = useTRPC();
  const submit = useMutation(trpc.registration.submitDeregistration.mutationOptions());
  const [idempotencyKey] = useState(newKey);
  const form = useZodForm(ZDeregistrationInput, {
    defaultValues: { idempotencyKey, creditCode, reason: "", liquidationCommitment: false as never, consent: false as never },
  });
  const pending = form.formState.isSubmitting || submit.isSuccess;
  const errors = form.formState.errors as typeof form.formState.errors & Record<string, { message?: string } | undefined>;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await submit.mutateAsync(values);
      router.push(`/applications/${result.id}?submitted=1`);
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-6" data-testid="deregistration-form">
      <FormError message={errors.root?.server?.message ?? errors.subject?.message} />
      <input type="hidden" {...form.register("idempotencyKey")} />
      <fieldset disabled={pending} className="flex min-w-0 flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <legend className="float-left w-full text-lg font-semibold">{t("deregister.legend")}</legend>
        <TextField form={form} name="creditCode" label={t("deregister.creditCode")} hint={t("deregister.creditCodeHint")} autoComplete="off" />
        <TextAreaField form={form} name="reason" label={t("deregister.reason")} hint={t("deregister.reasonHint")} />
        <CheckboxField form={form} name="liquidationCommitment" label={t("deregister.liquidationCommitment")} />
        <CheckboxField form={form} name="consent" label={t("deregister.consent")} />
      </fieldset>
      <div>
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-seal-600 px-5 py-3 text-lg font-medium text-white hover:bg-red-800 disabled:opacity-60 sm:w-auto"
        >
          {pending ? t("submitting") : t("deregister.submit")}
        </button>
      </div>
    </ClientForm>
  );
}

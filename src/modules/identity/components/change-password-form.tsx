"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { FormError, SubmitButton, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZChangePasswordInput } from "../inputs";

/** Changes the signed-in person's password; their other sessions end at once. */
export function ChangePasswordForm() {
  const t = useTranslations("identity.account.password");
  const tr = useTranslations("register");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.identity.changePassword.mutationOptions());
  const form = useZodForm(ZChangePasswordInput, { defaultValues: { currentPassword: "", password: "", confirmPassword: "" } });
  const pending = form.formState.isSubmitting;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync(values);
      form.reset();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="text-lg font-semibold">{t("title")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        {mutation.isSuccess ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900" data-testid="password-changed">
            {t("changed", { count: mutation.data.sessionsEnded })}
          </p>
        ) : null}
        <TextField form={form} name="currentPassword" label={t("current")} type="password" autoComplete="current-password" idPrefix="pw" />
        <TextField form={form} name="password" label={t("new")} hint={tr("passwordHint")} type="password" autoComplete="new-password" idPrefix="pw" />
        <TextField form={form} name="confirmPassword" label={tr("confirmPassword")} type="password" autoComplete="new-password" idPrefix="pw" />
        <SubmitButton pending={pending}>{t("submit")}</SubmitButton>
      </fieldset>
    </form>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { FormCard, useFormSubmit } from "@/components/form/form-card";
import { TextField } from "@/components/form/fields";
import { useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZChangePasswordInput } from "../inputs";

/** Changes the signed-in person's password; their other sessions end at once. */
export function ChangePasswordForm() {
  const t = useTranslations("identity.account.password");
  const tr = useTranslations("register");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.identity.changePassword.mutationOptions());
  const form = useZodForm(ZChangePasswordInput, { defaultValues: { currentPassword: "", password: "", confirmPassword: "" } });
  const submit = useFormSubmit(form, (values) => mutation.mutateAsync(values), { reset: true });
  return (
    <FormCard
      {...submit}
      plain
      legend={t("title")}
      success={submit.done && mutation.data ? <span data-testid="password-changed">{t("changed", { count: mutation.data.sessionsEnded })}</span> : null}
      submitLabel={t("submit")}
    >
      <TextField form={form} name="currentPassword" label={t("current")} type="password" autoComplete="current-password" idPrefix="pw" />
      <TextField form={form} name="password" label={t("new")} hint={tr("passwordHint")} type="password" autoComplete="new-password" idPrefix="pw" />
      <TextField form={form} name="confirmPassword" label={tr("confirmPassword")} type="password" autoComplete="new-password" idPrefix="pw" />
    </FormCard>
  );
}

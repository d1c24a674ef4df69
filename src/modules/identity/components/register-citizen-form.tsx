"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormError, SubmitButton, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZRegisterCitizenInput } from "../inputs";
import { ClientForm } from "@/components/form/client-form";

export function RegisterCitizenForm() {
  const t = useTranslations("register");
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.identity.registerCitizen.mutationOptions());
  const form = useZodForm(ZRegisterCitizenInput, { defaultValues: { name: "", idNumber: "", phone: "", password: "", confirmPassword: "" } });
  const pending = form.formState.isSubmitting || mutation.isSuccess;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const { login } = await mutation.mutateAsync(values);
      router.push(`/sign-in?registered=1&login=${encodeURIComponent(login)}`);
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="sr-only">{t("citizenTitle")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <TextField form={form} name="name" label={t("personName")} autoComplete="name" />
        <TextField form={form} name="idNumber" label={t("idNumber")} hint={t("idNumberHint")} autoComplete="off" />
        <TextField form={form} name="phone" label={t("phone")} type="tel" inputMode="tel" autoComplete="tel" />
        <TextField form={form} name="password" label={t("password")} hint={t("passwordHint")} type="password" autoComplete="new-password" />
        <TextField form={form} name="confirmPassword" label={t("confirmPassword")} type="password" autoComplete="new-password" />
        <SubmitButton pending={pending}>{pending ? t("submitting") : t("submit")}</SubmitButton>
      </fieldset>
    </ClientForm>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { FormError, SubmitButton, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZRegisterEnterpriseInput } from "../inputs";
import { ClientForm } from "@/components/form/client-form";

/**
 * 法人注册: the signed-in legal representative enters the credit code; the portal reads the
 * business licence in the registry and registers the enterprise if the licence names them.
 */
export function RegisterEnterpriseForm() {
  const t = useTranslations("identity.registerEnterprise");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.identity.registerEnterprise.mutationOptions());
  const form = useZodForm(ZRegisterEnterpriseInput, { defaultValues: { creditCode: "" } });
  const pending = form.formState.isSubmitting || mutation.isSuccess;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync(values);
      // A full navigation: the session now acts for the enterprise, and the header shows it.
      window.location.assign(new URL("/applicant", window.location.href).href);
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="sr-only">{t("title")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <TextField form={form} name="creditCode" label={t("creditCode")} hint={t("creditCodeHint")} autoComplete="off" />
        <SubmitButton pending={pending}>{pending ? t("submitting") : t("submit")}</SubmitButton>
      </fieldset>
    </ClientForm>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { FormError, SelectField, SubmitButton, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZStartKeyInInput } from "../inputs";
import { ClientForm } from "@/components/form/client-form";

/**
 * 窗口代录入: the clerk names the walk-in applicant (checked against the population register)
 * and the consent shown at the counter, then applies on the applicant's behalf.
 */
export function KeyInForm() {
  const t = useTranslations("identity.keyIn");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.identity.startKeyIn.mutationOptions());
  const form = useZodForm(ZStartKeyInInput, { defaultValues: { name: "", idNumber: "", consentKind: "inPerson", consentReference: "" } });
  const pending = form.formState.isSubmitting || mutation.isSuccess;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync(values);
      // A full navigation: the session now acts for the applicant, and the header says so.
      window.location.assign(new URL("/guides", window.location.href).href);
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="sr-only">{t("title")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField form={form} name="name" label={t("name")} autoComplete="off" />
          <TextField form={form} name="idNumber" label={t("idNumber")} autoComplete="off" />
        </div>
        <SelectField
          form={form}
          name="consentKind"
          label={t("consentKind")}
          options={(["inPerson", "signedForm"] as const).map((k) => ({ value: k, label: t(`consentKinds.${k}`) }))}
        />
        <TextField form={form} name="consentReference" label={t("consentReference")} hint={t("consentReferenceHint")} autoComplete="off" />
        <SubmitButton pending={pending}>{pending ? t("starting") : t("start")}</SubmitButton>
      </fieldset>
    </ClientForm>
  );
}

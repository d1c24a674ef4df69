"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormError, SelectField, SubmitButton, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZAddPersonInput } from "../../inputs";
import { ClientForm } from "@/components/form/client-form";

/** Public security records a person in the population register; their resident ID card is issued with it. */
export function AddPersonForm() {
  const t = useTranslations("sharing.population");
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.sharing.addPerson.mutationOptions());
  const form = useZodForm(ZAddPersonInput, { defaultValues: { name: "", idNumber: "", sex: "male", birthDate: "", householdDivisionCode: "" } });
  const pending = form.formState.isSubmitting;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync(values);
      form.reset();
      router.refresh();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="text-lg font-semibold">{t("addTitle")}</legend>
        <p className="text-slate-700">{t("addLead")}</p>
        <FormError message={form.formState.errors.root?.server?.message} />
        {mutation.isSuccess ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900" data-testid="person-added">
            {t("added", { id: mutation.data.idNumberMasked, number: mutation.data.certificateNumber })}
          </p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField form={form} name="name" label={t("name")} autoComplete="off" />
          <TextField form={form} name="idNumber" label={t("idNumber")} autoComplete="off" />
          <SelectField form={form} name="sex" label={t("sex")} options={(["male", "female"] as const).map((s) => ({ value: s, label: t(`sexes.${s}`) }))} />
          <TextField form={form} name="birthDate" label={t("birthDate")} type="date" />
          <TextField form={form} name="householdDivisionCode" label={t("division")} hint={t("divisionHint")} inputMode="numeric" autoComplete="off" />
        </div>
        <SubmitButton pending={pending}>{t("add")}</SubmitButton>
      </fieldset>
    </ClientForm>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { CheckboxField, FormError, SelectField, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZCompanyChangeInput } from "../inputs";
import type { LifecycleOptions } from "./types";
import { ClientForm } from "@/components/form/client-form";

/** A fresh idempotency key; `crypto.randomUUID` exists only in secure contexts. */
function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The change registration form: the particulars start as the licence states them (read from the
 * registry, not typed again); the enterprise edits what changes. A new name or legal
 * representative is asked for only when it changes. Validated with the server's own schema.
 */
export function CompanyChangeForm({ options }: { options: LifecycleOptions }) {
  const t = useTranslations("registration.lifecycle");
  const en = useLocale() === "en";
  const router = useRouter();
  const trpc = useTRPC();
  const submit = useMutation(trpc.registration.submitChange.mutationOptions());
  const [idempotencyKey] = useState(newKey);
  const form = useZodForm(ZCompanyChangeInput, {
    // A new name or legal representative is part of the input only while its box is ticked.
    shouldUnregister: true,
    defaultValues: {
      idempotencyKey,
      changeName: false,
      newName: {
        divisionCode: options.nameDivisions[0]?.code ?? "",
        tradeName: "",
        industry: options.industries[0]?.value ?? "",
        form: options.forms[0] ?? "",
      } as never,
      businessAddress: options.current.businessAddress,
      changeLegalRepresentative: false,
      legalRepresentative: { name: "", idNumber: "" },
      registeredCapital: options.current.registeredCapital,
      consent: false as never,
    },
  });
  const changeName = form.watch("changeName");
  const changeRep = form.watch("changeLegalRepresentative");
  const pending = form.formState.isSubmitting || submit.isSuccess;
  const errors = form.formState.errors as typeof form.formState.errors & Record<string, { message?: string } | undefined>;
  const topError = errors.root?.server?.message ?? errors.changes?.message ?? errors.subject?.message;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await submit.mutateAsync({
        ...values,
        newName: values.changeName ? values.newName : undefined,
        legalRepresentative: values.changeLegalRepresentative ? values.legalRepresentative : undefined,
      });
      router.push(`/applications/${result.id}?submitted=1`);
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  const section = "flex min-w-0 flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6";
  const legend = "float-left w-full text-lg font-semibold";

  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-6" data-testid="company-change-form">
      <div data-testid="change-form-error">
        <FormError message={topError} />
      </div>
      <input type="hidden" {...form.register("idempotencyKey")} />

      <fieldset disabled={pending} className={section}>
        <legend className={legend}>{t("change.nameLegend")}</legend>
        <p className="text-slate-700">{t("change.currentName", { name: options.current.name })}</p>
        <CheckboxField form={form} name="changeName" label={t("change.changeName")} />
        {changeName ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              form={form}
              name="newName.divisionCode"
              label={t("change.nameDivision")}
              options={options.nameDivisions.map((d) => ({ value: d.code, label: d.name }))}
            />
            <TextField form={form} name="newName.tradeName" label={t("change.tradeName")} hint={t("change.tradeNameHint")} />
            <SelectField
              form={form}
              name="newName.industry"
              label={t("change.industry")}
              options={options.industries.map((i) => ({ value: i.value, label: en ? `${i.value} (${i.labelEn})` : i.value }))}
            />
            <SelectField form={form} name="newName.form" label={t("change.form")} options={options.forms.map((f) => ({ value: f, label: f }))} />
          </div>
        ) : null}
      </fieldset>

      <fieldset disabled={pending} className={section}>
        <legend className={legend}>{t("change.particularsLegend")}</legend>
        <TextField form={form} name="businessAddress" label={t("change.address")} hint={t("change.fromLicence")} autoComplete="street-address" />
        <TextField form={form} name="registeredCapital" label={t("change.capital")} hint={t("change.fromLicence")} inputMode="decimal" />
      </fieldset>

      <fieldset disabled={pending} className={section}>
        <legend className={legend}>{t("change.legalRepLegend")}</legend>
        <p className="text-slate-700">{t("change.currentLegalRep", { name: options.current.legalRepresentative })}</p>
        <CheckboxField form={form} name="changeLegalRepresentative" label={t("change.changeLegalRep")} />
        {changeRep ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField form={form} name="legalRepresentative.name" label={t("change.legalRepName")} autoComplete="off" />
            <TextField form={form} name="legalRepresentative.idNumber" label={t("change.legalRepId")} autoComplete="off" />
          </div>
        ) : null}
      </fieldset>

      <fieldset disabled={pending} className={section}>
        <legend className={legend}>{t("consentLegend")}</legend>
        <CheckboxField form={form} name="consent" label={t("change.consent")} />
      </fieldset>

      <div>
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-brand-700 px-5 py-3 text-lg font-medium text-white hover:bg-brand-800 disabled:opacity-60 sm:w-auto"
        >
          {pending ? t("submitting") : t("change.submit")}
        </button>
      </div>
    </ClientForm>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { CheckboxField, FieldError, FormError, SelectField, SubmitButton, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZGrantMandateInput, ZGrantPersonalMandateInput } from "../inputs";
import { ClientForm } from "@/components/form/client-form";

export interface ServiceOption {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** The services a `services` mandate may cover: one checkbox each, shown only for that scope. */
function ServicesField({
  form,
  options,
  idPrefix,
}: {
  form: ReturnType<typeof useZodForm<typeof ZGrantMandateInput>> | ReturnType<typeof useZodForm<typeof ZGrantPersonalMandateInput>>;
  options: ServiceOption[];
  idPrefix: string;
}) {
  const t = useTranslations("identity.mandates.form");
  const locale = useLocale();
  const f = form as unknown as ReturnType<typeof useZodForm<typeof ZGrantMandateInput>>;
  const error = f.getFieldState("serviceCodes", f.formState).error?.message;
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={error ? `${idPrefix}-serviceCodes-error` : undefined}>
      <legend className="font-medium text-slate-800">{t("services")}</legend>
      <div className="grid max-h-60 grid-cols-1 gap-1 overflow-y-auto rounded border border-slate-300 p-2 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.code} className="flex items-start gap-2">
            <input type="checkbox" value={o.code} className="mt-1 h-5 w-5 shrink-0" {...f.register("serviceCodes")} />
            <span>{locale === "en" ? o.nameEn : o.nameZh}</span>
          </label>
        ))}
      </div>
      <FieldError id={`${idPrefix}-serviceCodes-error`} name="serviceCodes" message={error} />
    </fieldset>
  );
}

/** The enterprise's legal representative (or an administrator) authorises a person to act for it. */
export function GrantMandateForm({
  services,
  today,
  mayAppointAdministrators,
}: {
  services: ServiceOption[];
  today: string;
  mayAppointAdministrators: boolean;
}) {
  const t = useTranslations("identity.mandates.form");
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.identity.grantMandate.mutationOptions());
  const form = useZodForm(ZGrantMandateInput, {
    defaultValues: {
      agentName: "",
      agentIdNumber: "",
      scope: "all",
      serviceCodes: [],
      startsOn: today,
      endsOn: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
      administrator: false,
    },
  });
  const scope = form.watch("scope");
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
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="grant-mandate-form">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="text-lg font-semibold">{t("title")}</legend>
        <p className="text-slate-700">{t("lead")}</p>
        <FormError message={form.formState.errors.root?.server?.message} />
        {mutation.isSuccess ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900" data-testid="mandate-granted">
            {t("granted")}
          </p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField form={form} name="agentName" label={t("agentName")} autoComplete="off" idPrefix="grant" />
          <TextField form={form} name="agentIdNumber" label={t("agentIdNumber")} hint={t("agentIdNumberHint")} autoComplete="off" idPrefix="grant" />
        </div>
        <SelectField
          form={form}
          name="scope"
          label={t("scope")}
          idPrefix="grant"
          options={(["all", "services", "viewOnly"] as const).map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
        />
        {scope === "services" ? <ServicesField form={form} options={services} idPrefix="grant" /> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField form={form} name="startsOn" label={t("startsOn")} type="date" idPrefix="grant" />
          <TextField form={form} name="endsOn" label={t("endsOn")} hint={t("endsOnHint")} type="date" idPrefix="grant" />
        </div>
        {mayAppointAdministrators ? <CheckboxField form={form} name="administrator" label={t("administrator")} idPrefix="grant" /> : null}
        <SubmitButton pending={pending}>{pending ? t("submitting") : t("submit")}</SubmitButton>
      </fieldset>
    </ClientForm>
  );
}

/** A citizen authorises a relative or a community helper to apply for them (帮办代办). */
export function GrantPersonalMandateForm({ services, today }: { services: ServiceOption[]; today: string }) {
  const t = useTranslations("identity.mandates.form");
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.identity.grantPersonalMandate.mutationOptions());
  const form = useZodForm(ZGrantPersonalMandateInput, {
    defaultValues: {
      agentName: "",
      agentIdNumber: "",
      relationship: "relative",
      scope: "all",
      serviceCodes: [],
      endsOn: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
    },
  });
  const scope = form.watch("scope");
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
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="grant-personal-mandate-form">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="text-lg font-semibold">{t("personalTitle")}</legend>
        <p className="text-slate-700">{t("personalLead")}</p>
        <FormError message={form.formState.errors.root?.server?.message} />
        {mutation.isSuccess ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900" data-testid="mandate-granted">
            {t("granted")}
          </p>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField form={form} name="agentName" label={t("agentName")} autoComplete="off" idPrefix="agent" />
          <TextField form={form} name="agentIdNumber" label={t("agentIdNumber")} hint={t("agentIdNumberHint")} autoComplete="off" idPrefix="agent" />
        </div>
        <SelectField
          form={form}
          name="relationship"
          label={t("relationship")}
          idPrefix="agent"
          options={(["relative", "communityHelper", "other"] as const).map((r) => ({ value: r, label: t(`relationships.${r}`) }))}
        />
        <SelectField
          form={form}
          name="scope"
          label={t("scope")}
          idPrefix="agent"
          options={(["all", "services", "viewOnly"] as const).map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
        />
        {scope === "services" ? <ServicesField form={form} options={services} idPrefix="agent" /> : null}
        <TextField form={form} name="endsOn" label={t("endsOn")} hint={t("endsOnHint")} type="date" idPrefix="agent" />
        <SubmitButton pending={pending}>{pending ? t("submitting") : t("submitPersonal")}</SubmitButton>
      </fieldset>
    </ClientForm>
  );
}

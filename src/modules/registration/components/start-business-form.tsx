"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useFieldArray } from "react-hook-form";
import { CheckboxField, FieldError, FormError, inputClass, SelectField, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { formatAnswer } from "../../catalog/model";
import { housingFundRates, invoiceTypeValues, sealTypeValues, ZStartBusinessInput } from "../inputs";
import { contributionForms, contributionFormValues, latestContributionDay } from "../model";
import { shanghaiDate } from "@/lib/dates";
import type { NameReservation, RegistrationOptions } from "./types";
import { ClientForm } from "@/components/form/client-form";

interface Props {
  options: RegistrationOptions;
  reservations: NameReservation[];
  founder: { name: string; idNumber: string; idNumberMasked: string | null };
}

/** A fresh idempotency key; `crypto.randomUUID` exists only in secure contexts. */
function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Sums amounts in 10,000 yuan exactly, in hundredths, as the server compares them. */
function hundredths(v: unknown): number {
  const n = Number(String(v ?? "").trim());
  return Number.isFinite(n) ? Math.round(n * 100) : 0;
}

/**
 * The one form of starting a business: the reserved name, the enterprise's particulars and what
 * each of the five departments needs, entered once and submitted once. Validated here with the
 * server's own schema; the server's field errors land on the same fields.
 */
export function StartBusinessForm({ options, reservations, founder }: Props) {
  const t = useTranslations("registration.form");
  const locale = useLocale();
  const en = locale === "en";
  // Each choice in the catalog's words, through the formatter the case pages use: what the founder
  // picks here is what every department reads.
  const answer = (key: keyof typeof options.answers, value: string) => {
    const shape = options.answers[key];
    return shape ? (formatAnswer(shape, value, locale) ?? value) : value;
  };
  const format = useFormatter();
  const router = useRouter();
  const trpc = useTRPC();
  const submit = useMutation(trpc.registration.submit.mutationOptions());
  const [idempotencyKey] = useState(newKey);
  // Offered as the latest day the law allows (Company Law art. 47); the founder may choose earlier.
  const [dueOn] = useState(() => latestContributionDay(shanghaiDate(new Date())));

  const typeForForm = (form: string) => options.entityTypes.find((e) => (e.forms as readonly string[]).includes(form))?.value;
  const cityOf = (r: NameReservation | undefined) => (r && r.divisionCode !== "130000" ? r.divisionCode : "");
  const first = reservations[0];
  const [city, setCity] = useState(cityOf(first));

  const form = useZodForm(ZStartBusinessInput, {
    defaultValues: {
      idempotencyKey,
      nameId: first?.id ?? "",
      entityType: (first ? typeForForm(first.form) : undefined) as never,
      registeredCapital: "",
      divisionCode: "",
      streetAddress: "",
      scopeCodes: [],
      // The founder is the usual legal representative and first shareholder: their own particulars, changeable.
      legalRepresentative: { name: founder.name, idNumber: founder.idNumber },
      shareholders: [{ name: founder.name, idNumber: founder.idNumber, contribution: "", contributionForm: "currency", contributionDueOn: dueOn }],
      sealTypes: "companyFinance",
      invoiceTypes: "generalVat",
      employeeCount: "",
      housingFundRate: "5",
      bankAccount: "",
      addressCommitment: false as never,
      standardArticles: false as never,
      consent: false as never,
    },
  });
  const shareholders = useFieldArray({ control: form.control, name: "shareholders" });
  const pending = form.formState.isSubmitting || submit.isSuccess;

  const nameId = form.watch("nameId");
  const reservation = reservations.find((r) => r.id === nameId);
  const nameCity = cityOf(reservation);
  const cities = nameCity ? options.cities.filter((c) => c.code === nameCity) : options.cities;
  const counties = options.cities.find((c) => c.code === city)?.counties ?? [];
  const fittingTypes = reservation ? options.entityTypes.filter((e) => (e.forms as readonly string[]).includes(reservation.form)) : options.entityTypes;

  const capital = form.watch("registeredCapital");
  const contributions = form.watch("shareholders");
  const total = contributions.reduce((sum, s) => sum + hundredths(s.contribution), 0);
  const amount = (h: number) => (h / 100).toFixed(2).replace(/\.?0+$/, "");

  function chooseName(id: string) {
    const r = reservations.find((x) => x.id === id);
    if (!r) return;
    const type = typeForForm(r.form);
    if (type) form.setValue("entityType", type as never, { shouldValidate: form.formState.isSubmitted });
    const c = cityOf(r);
    if (c && c !== city) {
      setCity(c);
      form.setValue("divisionCode", "", { shouldValidate: form.formState.isSubmitted });
    }
  }

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await submit.mutateAsync(values);
      router.push(`/applications/${result.id}?submitted=1`);
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  const day = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "long" }) : "");
  const errors = form.formState.errors;
  const scopeError = errors.scopeCodes?.message ?? errors.scopeCodes?.root?.message;
  const shareholdersError = errors.shareholders?.message ?? errors.shareholders?.root?.message;
  const section = "flex min-w-0 flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6";
  // A floated legend is laid out like any child, so it reads as the card's heading (and wraps at
  // 390px) instead of sitting on the border; it still names the group.
  const legend = "float-left w-full text-lg font-semibold";

  return (
    <section aria-labelledby="apply-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="apply-heading" className="text-xl font-semibold">
          {t("apply.heading")}
        </h2>
        <p className="mt-1 text-slate-700">{t("apply.lead")}</p>
      </div>
      <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-6" data-testid="start-business-form">
        <FormError message={errors.root?.server?.message} />
        <input type="hidden" {...form.register("idempotencyKey")} />

        <fieldset disabled={pending} className={section}>
          <legend className={legend}>{t("apply.entityLegend")}</legend>
          <SelectField
            form={form}
            name="nameId"
            label={t("apply.reservedName")}
            hint={reservation?.reservedUntil ? t("apply.reservedUntil", { date: day(reservation.reservedUntil) }) : undefined}
            options={reservations.map((r) => ({ value: r.id, label: r.fullName }))}
            onChange={chooseName}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              form={form}
              name="entityType"
              label={t("apply.entityType")}
              hint={reservation ? t("apply.entityTypeHint", { form: reservation.form }) : undefined}
              placeholder={fittingTypes.length === 1 ? undefined : t("choose")}
              options={fittingTypes.map((e) => ({ value: e.value, label: answer("entityType", e.value) }))}
            />
            <TextField form={form} name="registeredCapital" label={t("apply.capital")} hint={t("apply.capitalHint")} inputMode="decimal" />
          </div>
        </fieldset>

        <fieldset disabled={pending} className={section}>
          <legend className={legend}>{t("apply.addressLegend")}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="flex flex-col gap-1">
              <label htmlFor="field-city" className="font-medium text-slate-800">
                {t("apply.city")}
              </label>
              {nameCity ? (
                <p id="field-city-hint" className="text-sm text-slate-600">
                  {t("apply.cityHint")}
                </p>
              ) : null}
              <select
                id="field-city"
                value={city}
                aria-describedby={nameCity ? "field-city-hint" : undefined}
                className={inputClass}
                onChange={(e) => {
                  setCity(e.target.value);
                  form.setValue("divisionCode", "", { shouldValidate: form.formState.isSubmitted });
                }}
              >
                {cities.length > 1 ? <option value="">{t("choose")}</option> : null}
                {cities.map((c) => (
                  <option key={c.code} value={c.code}>
                    {en ? c.nameEn : c.nameZh}
                  </option>
                ))}
              </select>
            </div>
            <SelectField
              form={form}
              name="divisionCode"
              label={t("apply.county")}
              placeholder={t("choose")}
              options={counties.map((k) => ({ value: k.code, label: k.nameZh }))}
            />
          </div>
          <TextField form={form} name="streetAddress" label={t("apply.street")} hint={t("apply.streetHint")} autoComplete="address-line1" />
        </fieldset>

        <fieldset disabled={pending} className={section} aria-describedby={["scope-hint", scopeError ? "scope-error" : ""].filter(Boolean).join(" ")}>
          <legend className={legend}>{t("apply.scopeLegend")}</legend>
          <p id="scope-hint" className="text-sm text-slate-600">
            {t("apply.scopeHint")}
          </p>
          <div className="grid gap-2 sm:grid-cols-2">
            {options.scopeItems.map((s) => (
              <div key={s.code} className="flex items-start gap-2">
                <input
                  id={`scope-${s.code}`}
                  type="checkbox"
                  value={s.code}
                  className="mt-1 h-5 w-5 shrink-0"
                  aria-invalid={scopeError ? true : undefined}
                  {...form.register("scopeCodes")}
                />
                <label htmlFor={`scope-${s.code}`}>{en ? s.en : s.zh}</label>
              </div>
            ))}
          </div>
          <FieldError id="scope-error" name="scopeCodes" message={scopeError} />
        </fieldset>

        <fieldset disabled={pending} className={section}>
          <legend className={legend}>{t("apply.legalRepLegend")}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField form={form} name="legalRepresentative.name" label={t("apply.legalRepName")} autoComplete="name" />
            <TextField
              form={form}
              name="legalRepresentative.idNumber"
              label={t("apply.legalRepId")}
              hint={founder.idNumberMasked ? t("apply.legalRepIdHint", { masked: founder.idNumberMasked }) : t("apply.legalRepIdHintOther")}
            />
          </div>
        </fieldset>

        <fieldset disabled={pending} className={section} aria-describedby={shareholdersError ? "shareholders-error" : undefined}>
          <legend className={legend}>{t("apply.shareholdersLegend")}</legend>
          <ol className="flex flex-col gap-4">
            {shareholders.fields.map((field, i) => (
              <li key={field.id}>
                <fieldset className="flex flex-col gap-3 rounded border border-slate-200 p-3" data-testid={`shareholder-${i + 1}`}>
                  <legend className="px-1 font-semibold">{t("apply.shareholder", { n: i + 1 })}</legend>
                  <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                    <TextField form={form} name={`shareholders.${i}.name`} label={t("apply.shareholderName", { n: i + 1 })} />
                    <TextField form={form} name={`shareholders.${i}.idNumber`} label={t("apply.shareholderId", { n: i + 1 })} />
                    <TextField form={form} name={`shareholders.${i}.contribution`} label={t("apply.contribution", { n: i + 1 })} inputMode="decimal" />
                    <SelectField
                      form={form}
                      name={`shareholders.${i}.contributionForm`}
                      label={t("apply.contributionForm", { n: i + 1 })}
                      options={contributionFormValues.map((v) => ({ value: v, label: en ? contributionForms[v].labelEn : contributionForms[v].labelZh }))}
                    />
                    <div className="sm:col-span-2">
                      <TextField
                        form={form}
                        name={`shareholders.${i}.contributionDueOn`}
                        type="date"
                        label={t("apply.contributionDueOn", { n: i + 1 })}
                        hint={t("apply.contributionDueOnHint")}
                      />
                    </div>
                  </div>
                  {shareholders.fields.length > 1 ? (
                    <div>
                      <button
                        type="button"
                        onClick={() => shareholders.remove(i)}
                        className="rounded border border-seal-600 px-3 py-1 text-sm text-seal-600 hover:bg-red-50"
                      >
                        {t("apply.removeShareholder", { n: i + 1 })}
                      </button>
                    </div>
                  ) : null}
                </fieldset>
              </li>
            ))}
          </ol>
          <FieldError id="shareholders-error" name="shareholders" message={shareholdersError} />
          <div className="flex flex-wrap items-center justify-between gap-3">
            {shareholders.fields.length < 10 ? (
              <button
                type="button"
                onClick={() =>
                  shareholders.append(
                    { name: "", idNumber: "", contribution: "", contributionForm: "currency", contributionDueOn: dueOn },
                    { focusName: `shareholders.${shareholders.fields.length}.name` },
                  )
                }
                className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50"
              >
                {t("apply.addShareholder")}
              </button>
            ) : null}
            <p className={`text-sm ${total === hundredths(capital) ? "text-slate-700" : "text-amber-900"}`} data-testid="contribution-total">
              {t("apply.total", { total: amount(total), capital: amount(hundredths(capital)) })}
            </p>
          </div>
        </fieldset>

        <fieldset disabled={pending} className={section}>
          <legend className={legend}>{t("apply.departmentsLegend")}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              form={form}
              name="sealTypes"
              label={t("apply.seals")}
              options={sealTypeValues.map((v) => ({ value: v, label: answer("sealTypes", v) }))}
            />
            <SelectField
              form={form}
              name="invoiceTypes"
              label={t("apply.invoices")}
              options={invoiceTypeValues.map((v) => ({ value: v, label: answer("invoiceTypes", v) }))}
            />
            <TextField form={form} name="employeeCount" label={t("apply.employees")} hint={t("apply.employeesHint")} inputMode="numeric" />
            <SelectField
              form={form}
              name="housingFundRate"
              label={t("apply.housingFund")}
              options={housingFundRates.map((v) => ({ value: v, label: answer("housingFundRate", v) }))}
            />
          </div>
          <TextField form={form} name="bankAccount" label={t("apply.bankAccount")} hint={t("apply.bankAccountHint")} inputMode="numeric" />
        </fieldset>

        <fieldset disabled={pending} className={section}>
          <legend className={legend}>{t("apply.commitmentsLegend")}</legend>
          {options.addressCommitment ? (
            <div className="rounded border border-slate-300 bg-slate-50 p-3 text-sm" data-testid="address-commitment-notice">
              <p className="font-semibold">{t("apply.addressCommitmentNotice")}</p>
              <p className="mt-1 whitespace-pre-line">{en ? options.addressCommitment.noticeEn : options.addressCommitment.noticeZh}</p>
            </div>
          ) : null}
          <CheckboxField form={form} name="addressCommitment" label={t("apply.addressCommitment")} />
          <CheckboxField form={form} name="standardArticles" label={t("apply.standardArticles")} />
          <CheckboxField form={form} name="consent" label={t("apply.consent")} />
        </fieldset>

        <div>
          <button
            type="submit"
            disabled={pending}
            className="w-full rounded bg-brand-700 px-5 py-3 text-lg font-medium text-white hover:bg-brand-800 disabled:opacity-60 sm:w-auto"
          >
            {pending ? t("apply.submitting") : t("apply.submit")}
          </button>
        </div>
      </ClientForm>
    </section>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { CheckboxField, FormError, SelectField, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { msg } from "@/lib/message";
import { useTRPC } from "@/trpc/react";
import { ZReserveNameInput } from "../inputs";
import type { NameCheckResult, RegistrationOptions } from "./types";
import { ClientForm } from "@/components/form/client-form";

const nameFields = ["divisionCode", "tradeName", "industry", "entityType", "form"] as const;

/**
 * 企业名称自主申报: the founder composes a name, sees it whole as they type, checks it against the
 * registered and reserved names of its division, and reserves it. Reserving checks again first,
 * so a refused name or unread warnings never reach the reservation.
 */
export function NameDeclaration({ options }: { options: RegistrationOptions }) {
  const t = useTranslations("registration.form");
  const en = useLocale() === "en";
  const format = useFormatter();
  const router = useRouter();
  const trpc = useTRPC();
  const check = useMutation(trpc.registration.checkName.mutationOptions());
  const reserve = useMutation(trpc.registration.reserveName.mutationOptions());
  const [result, setResult] = useState<{ key: string; check: NameCheckResult } | null>(null);
  const [reserved, setReserved] = useState<{ fullName: string; reservedUntil: Date } | null>(null);

  const firstType = options.entityTypes[0];
  const form = useZodForm(ZReserveNameInput, {
    defaultValues: {
      divisionCode: "",
      tradeName: "",
      industry: undefined,
      entityType: firstType?.value as never,
      form: firstType?.forms[0] ?? "",
      acceptWarnings: false,
    },
  });
  const values = form.watch();
  const key = JSON.stringify(nameFields.map((f) => String(values[f] ?? "").trim()));
  const current = result?.key === key ? result.check : null;
  const forms = options.entityTypes.find((e) => e.value === values.entityType)?.forms ?? [];
  const division = options.nameDivisions.find((d) => d.code === values.divisionCode);
  const preview = `${division?.nameInName ?? t("name.placeholderDivision")}${values.tradeName?.trim() || t("name.placeholderTrade")}${values.industry || t("name.placeholderIndustry")}${values.form ?? ""}`;
  const busy = check.isPending || reserve.isPending || form.formState.isSubmitting;

  async function runCheck(): Promise<NameCheckResult | null> {
    if (!(await form.trigger([...nameFields], { shouldFocus: true }))) return null;
    const v = form.getValues();
    try {
      const outcome = await check.mutateAsync({
        divisionCode: v.divisionCode,
        tradeName: v.tradeName,
        industry: v.industry,
        entityType: v.entityType,
        form: v.form,
      });
      setResult({ key, check: outcome });
      return outcome;
    } catch (error) {
      applyServerErrors(form, error);
      return null;
    }
  }

  const onReserve = form.handleSubmit(async (v) => {
    setReserved(null);
    const outcome = current ?? (await runCheck());
    if (!outcome) return;
    const refusal = outcome.findings.find((f) => f.level === "refused");
    if (refusal) {
      form.setError(
        "tradeName",
        { type: "server", message: msg("registration.errors.nameRefused", { trade: refusal.conflictTradeName, name: refusal.conflictName }) },
        { shouldFocus: true },
      );
      return;
    }
    if (outcome.findings.length > 0 && !v.acceptWarnings) {
      form.setError(
        "acceptWarnings",
        { type: "server", message: msg("registration.errors.nameWarnings", { count: outcome.findings.length }) },
        { shouldFocus: true },
      );
      return;
    }
    try {
      const row = await reserve.mutateAsync(v);
      setReserved({ fullName: row.fullName, reservedUntil: row.reservedUntil });
      router.refresh();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  const day = (d: Date) => format.dateTime(d, { dateStyle: "long" });

  return (
    <section aria-labelledby="name-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="name-heading" className="text-xl font-semibold">
        {t("name.heading")}
      </h2>
      <p className="mt-1 text-slate-700">{t("name.lead", { days: options.reservationDays })}</p>
      <ClientForm onSubmit={onReserve} noValidate className="mt-4 flex flex-col gap-4">
        <FormError message={form.formState.errors.root?.server?.message} />
        <fieldset disabled={busy} className="flex flex-col gap-4">
          <legend className="sr-only">{t("name.heading")}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              idPrefix="name"
              form={form}
              name="divisionCode"
              label={t("name.division")}
              placeholder={t("choose")}
              options={options.nameDivisions.map((d) => ({ value: d.code, label: en ? `${d.nameInName} (${d.nameEn})` : d.nameInName }))}
            />
            <TextField idPrefix="name" form={form} name="tradeName" label={t("name.tradeName")} hint={t("name.tradeNameHint")} />
            <SelectField
              idPrefix="name"
              form={form}
              name="industry"
              label={t("name.industry")}
              placeholder={t("choose")}
              options={options.industries.map((i) => ({ value: i.value, label: en ? `${i.value} (${i.labelEn})` : i.value }))}
            />
            <SelectField
              idPrefix="name"
              form={form}
              name="entityType"
              label={t("name.entityType")}
              options={options.entityTypes.map((e) => ({ value: e.value, label: en ? e.labelEn : e.labelZh }))}
              onChange={(value) => {
                const first = options.entityTypes.find((e) => e.value === value)?.forms[0] ?? "";
                form.setValue("form", first, { shouldValidate: true });
              }}
            />
            <SelectField idPrefix="name" form={form} name="form" label={t("name.form")} options={forms.map((f) => ({ value: f, label: f }))} />
          </div>

          <div className="rounded border border-brand-100 bg-brand-50 px-3 py-2">
            <p className="text-sm text-slate-700">{t("name.preview")}</p>
            <p className="text-lg font-semibold break-all text-slate-900" lang="zh-CN" data-testid="name-preview">
              {preview}
            </p>
          </div>

          <div role="status" aria-live="polite" aria-label={t("name.resultLabel")} data-testid="name-check-result" data-outcome={current?.outcome ?? ""}>
            {current ? <CheckOutcome check={current} /> : null}
          </div>
          {current?.outcome === "warning" || form.formState.errors.acceptWarnings ? (
            <CheckboxField idPrefix="name" form={form} name="acceptWarnings" label={t("name.acceptWarnings")} />
          ) : null}

          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              onClick={() => void runCheck()}
              className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
            >
              {check.isPending ? t("name.checking") : t("name.check")}
            </button>
            <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
              {reserve.isPending ? t("name.reserving") : t("name.reserve")}
            </button>
          </div>
        </fieldset>
        {reserved ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900" data-testid="name-reserved">
            {t("name.reserved", { name: reserved.fullName, date: day(reserved.reservedUntil) })}
          </p>
        ) : null}
      </ClientForm>
    </section>
  );
}

function CheckOutcome({ check }: { check: NameCheckResult }) {
  const t = useTranslations("registration.form.name");
  if (check.outcome === "available") {
    return <p className="rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900">{t("available", { name: check.fullName })}</p>;
  }
  const refusal = check.findings.find((f) => f.level === "refused");
  if (refusal) {
    return (
      <p className="rounded border border-seal-600 bg-red-50 px-3 py-2 text-seal-600">
        {t("refused", { name: check.fullName, trade: refusal.conflictTradeName, conflict: refusal.conflictName })}
      </p>
    );
  }
  return (
    <div className="rounded border border-amber-600 bg-amber-50 px-3 py-2 text-amber-900">
      <p>{t("warningTitle", { name: check.fullName })}</p>
      <ul className="mt-1 list-disc pl-6">
        {check.findings.map((f) => (
          <li key={f.conflictName}>{t("finding", { name: f.conflictName, trade: f.conflictTradeName, reason: t(`reason.${f.reason}`) })}</li>
        ))}
      </ul>
    </div>
  );
}

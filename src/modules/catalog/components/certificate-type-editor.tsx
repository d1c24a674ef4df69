"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useFieldArray, type Path } from "react-hook-form";
import { CheckboxField, FieldError, FormError, SelectField, SubmitButton, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZSaveCertificateTypeInput, type SaveCertificateTypeInput } from "../inputs";
import { certificateFieldTypes, certificateIdentities, certificateRegistryValues, type CertificateField, type CertificateFieldOption } from "../model";
import type { CertificateTypeAdmin } from "../views";
import { ClientForm } from "@/components/form/client-form";

type Type = CertificateTypeAdmin["types"][number];
type FormValues = SaveCertificateTypeInput;

const emptyField = (): CertificateField => ({ key: "", nameZh: "", nameEn: "", type: "text", source: { answer: "" }, shared: true });

/** Options as the data office types them: one a line, `code｜中文｜English`. */
function optionsToText(options: readonly CertificateFieldOption[] | undefined): string {
  return (options ?? []).map((o) => `${o.value}|${o.labelZh}|${o.labelEn}`).join("\n");
}
function textToOptions(text: string): CertificateFieldOption[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [value = "", labelZh = "", labelEn = ""] = l.split(/[|｜]/).map((p) => p.trim());
      return { value, labelZh, labelEn };
    });
}

/**
 * A certificate type as the data office keeps it: names, issuing department, validity and the
 * fields its certificates carry (each: key, names, type with its unit or options, what fills it,
 * whether it is shared). Refusals from the server land on their fields; nothing is written then.
 */
export function CertificateTypeEditor({ type, departments }: { type: Type | null; departments: CertificateTypeAdmin["departments"] }) {
  const t = useTranslations("catalog.certificateTypes");
  const en = useLocale() === "en";
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const mutation = useMutation(trpc.catalog.saveCertificateType.mutationOptions());
  const form = useZodForm(ZSaveCertificateTypeInput, {
    defaultValues: {
      create: type === null,
      code: type?.code ?? "",
      nameZh: type?.nameZh ?? "",
      nameEn: type?.nameEn ?? "",
      issuerDepartmentCode: type?.issuerDepartmentCode ?? "",
      validityYears: type?.validityYears ? String(type.validityYears) : "",
      fields: type?.fields.length ? type.fields : [emptyField()],
      identifies: type?.identifies ?? "",
    },
  });
  const fields = useFieldArray({ control: form.control, name: "fields" });
  const pending = form.formState.isSubmitting;
  const values = form.watch("fields");
  const formKeys = type?.formKeys ?? [];

  const onSubmit = form.handleSubmit(async () => {
    setSaved(false);
    try {
      const result = await mutation.mutateAsync(form.getValues());
      setSaved(true);
      if (type === null) router.push(`/data-office/certificate-types?edit=${encodeURIComponent(result.code)}`);
      router.refresh();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  const fieldError = (name: string) => form.getFieldState(name as Path<FormValues>, form.formState).error?.message;

  return (
    <ClientForm
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4"
      data-testid="certificate-type-editor"
      aria-label={type ? t("edit") : t("create")}
    >
      <fieldset disabled={pending} aria-busy={pending} className="flex flex-col gap-4">
        <legend className="sr-only">{type ? t("edit") : t("create")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <div className="grid gap-4 sm:grid-cols-2">
          {type ? (
            <p className="flex flex-col gap-1">
              <span className="font-medium text-slate-800">{t("code")}</span>
              <span className="font-mono">{type.code}</span>
            </p>
          ) : (
            <TextField form={form} name="code" label={t("code")} hint={t("codeHint")} autoComplete="off" />
          )}
          <SelectField
            form={form}
            name="issuerDepartmentCode"
            label={t("issuer")}
            placeholder={t("choose")}
            options={departments.map((d) => ({ value: d.code, label: en ? d.nameEn : d.nameZh }))}
          />
          <TextField form={form} name="nameZh" label={t("nameZh")} autoComplete="off" />
          <TextField form={form} name="nameEn" label={t("nameEn")} autoComplete="off" />
          <TextField form={form} name="validityYears" label={t("validityYears")} hint={t("validityHint")} inputMode="numeric" autoComplete="off" />
          <SelectField
            form={form}
            name="identifies"
            label={t("identifies")}
            hint={t("identifiesHint")}
            options={[{ value: "", label: t("identities.none") }, ...certificateIdentities.map((k) => ({ value: k, label: t(`identities.${k}`) }))]}
          />
        </div>

        <fieldset className="flex flex-col gap-3">
          <legend className="mb-1 text-lg font-semibold">{t("fields")}</legend>
          <p className="text-sm text-slate-700">{t("fieldsHint")}</p>
          <FieldError id="fields-error" name="fields" message={fieldError("fields") ?? form.formState.errors.fields?.root?.message} />
          {fields.fields.map((row, i) => {
            const current = values[i];
            const sourceKind = current && "registry" in current.source ? "registry" : "answer";
            const prefix = `f${i}`;
            const optionsId = `${prefix}-options`;
            const optionsError = fieldError(`fields.${i}.options`);
            return (
              <div key={row.id} className="flex flex-col gap-3 rounded border border-slate-200 p-3" data-testid="certificate-field-row">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h3 className="font-semibold">{t("field", { n: i + 1 })}</h3>
                  <div className="flex gap-2">
                    <button
                      type="button"
                      className="rounded border border-slate-300 px-2 py-1 text-sm"
                      disabled={i === 0}
                      onClick={() => fields.move(i, i - 1)}
                    >
                      {t("up")}
                      <span className="sr-only"> {t("field", { n: i + 1 })}</span>
                    </button>
                    <button
                      type="button"
                      className="rounded border border-seal-600 px-2 py-1 text-sm text-seal-600"
                      disabled={fields.fields.length === 1}
                      onClick={() => fields.remove(i)}
                    >
                      {t("remove")}
                      <span className="sr-only"> {t("field", { n: i + 1 })}</span>
                    </button>
                  </div>
                </div>
                <div className="grid gap-3 sm:grid-cols-3">
                  <TextField form={form} idPrefix={prefix} name={`fields.${i}.key`} label={t("fieldKey")} autoComplete="off" />
                  <TextField form={form} idPrefix={prefix} name={`fields.${i}.nameZh`} label={t("fieldNameZh")} autoComplete="off" />
                  <TextField form={form} idPrefix={prefix} name={`fields.${i}.nameEn`} label={t("fieldNameEn")} autoComplete="off" />
                  <SelectField
                    form={form}
                    idPrefix={prefix}
                    name={`fields.${i}.type`}
                    label={t("fieldType")}
                    options={certificateFieldTypes.map((v) => ({ value: v, label: t(`types.${v}`) }))}
                    onChange={(v) => {
                      // Only a number has a unit and only an enum options: the others lose them.
                      if (v !== "number") {
                        form.setValue(`fields.${i}.unitZh`, undefined);
                        form.setValue(`fields.${i}.unitEn`, undefined);
                      }
                      if (v !== "enum") form.setValue(`fields.${i}.options`, undefined);
                    }}
                  />
                  <div className="flex flex-col gap-1">
                    <label htmlFor={`${prefix}-source-kind`} className="font-medium text-slate-800">
                      {t("source")}
                    </label>
                    <select
                      id={`${prefix}-source-kind`}
                      className="rounded border border-slate-400 px-3 py-2"
                      value={sourceKind}
                      onChange={(e) => form.setValue(`fields.${i}.source`, e.target.value === "registry" ? { registry: "holderName" } : { answer: "" })}
                    >
                      <option value="answer">{t("sourceAnswer")}</option>
                      <option value="registry">{t("sourceRegistry")}</option>
                    </select>
                  </div>
                  {sourceKind === "registry" ? (
                    <SelectField
                      form={form}
                      idPrefix={prefix}
                      name={`fields.${i}.source.registry` as Path<FormValues>}
                      label={t("registryValue")}
                      options={certificateRegistryValues.map((v) => ({ value: v, label: t(`registry.${v}`) }))}
                    />
                  ) : (
                    <TextField
                      form={form}
                      idPrefix={prefix}
                      name={`fields.${i}.source.answer` as Path<FormValues>}
                      label={t("answerKey")}
                      hint={formKeys.length ? t("answerKeys", { keys: formKeys.join(", ") }) : undefined}
                      autoComplete="off"
                    />
                  )}
                </div>
                {current?.type === "number" ? (
                  <div className="grid gap-3 sm:grid-cols-2">
                    <TextField form={form} idPrefix={prefix} name={`fields.${i}.unitZh`} label={t("unitZh")} autoComplete="off" />
                    <TextField form={form} idPrefix={prefix} name={`fields.${i}.unitEn`} label={t("unitEn")} autoComplete="off" />
                  </div>
                ) : null}
                {current?.type === "enum" ? (
                  <div className="flex flex-col gap-1">
                    <label htmlFor={optionsId} className="font-medium text-slate-800">
                      {t("options")}
                    </label>
                    <p id={`${optionsId}-hint`} className="text-sm text-slate-600">
                      {t("optionsHint")}
                    </p>
                    <textarea
                      id={optionsId}
                      rows={4}
                      className="rounded border border-slate-400 px-3 py-2 font-mono text-sm"
                      defaultValue={optionsToText(current.options)}
                      aria-invalid={optionsError ? true : undefined}
                      aria-describedby={`${optionsId}-hint${optionsError ? ` ${optionsId}-error` : ""}`}
                      onChange={(e) => form.setValue(`fields.${i}.options`, textToOptions(e.target.value))}
                    />
                    <FieldError id={`${optionsId}-error`} name={`fields.${i}.options`} message={optionsError} />
                  </div>
                ) : null}
                <div className="flex flex-wrap gap-6">
                  <CheckboxField form={form} idPrefix={prefix} name={`fields.${i}.shared`} label={t("shared")} />
                </div>
              </div>
            );
          })}
          <div>
            <button
              type="button"
              className="rounded border border-brand-700 px-3 py-1.5 text-brand-700 hover:bg-brand-50"
              onClick={() => fields.append(emptyField())}
            >
              {t("addField")}
            </button>
          </div>
        </fieldset>

        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending}>{pending ? t("saving") : t("save")}</SubmitButton>
          <span role="status" className="text-green-800">
            {saved && !form.formState.isDirty ? t("saved") : null}
          </span>
        </div>
      </fieldset>
    </ClientForm>
  );
}

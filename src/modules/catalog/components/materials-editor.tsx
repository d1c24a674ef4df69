"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { CheckboxField, FormError, SelectField, TextAreaField, TextField } from "@/components/form/fields";
import { FormCard, useFormSubmit } from "@/components/form/form-card";
import { staffButton } from "@/components/form/staff-form-parts";
import { useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZSaveMaterialInput, type SaveMaterialInput } from "../inputs";
import type { AdminMaterial, CatalogAdmin } from "../views";
import { pick } from "./format";

type Service = CatalogAdmin["services"][number];
type CertificateTypes = CatalogAdmin["certificateTypes"];
type Departments = CatalogAdmin["departments"];
const fieldTypes = ["text", "textarea", "number", "date", "select"] as const;

function formValues(serviceCode: string, m: AdminMaterial | null, nextOrder: number): SaveMaterialInput {
  return {
    serviceCode,
    key: m?.key ?? "",
    nameZh: m?.nameZh ?? "",
    nameEn: m?.nameEn ?? "",
    legalBasis: m?.legalBasis ?? "",
    source: m?.source ?? "formField",
    fieldType: m?.fieldType ?? (m ? "" : "text"),
    optionsText: (m?.options ?? []).map((o) => `${o.value} | ${o.labelZh} | ${o.labelEn}`).join("\n"),
    certificateType: m?.certificateType ?? "",
    required: m?.required ?? true,
    conditionZh: m?.conditionZh ?? "",
    conditionEn: m?.conditionEn ?? "",
    sortOrder: String(m?.sortOrder ?? nextOrder),
    committable: Boolean(m?.commitment),
    commitmentNoticeZh: m?.commitment?.noticeZh ?? "",
    commitmentNoticeEn: m?.commitment?.noticeEn ?? "",
    commitmentDepartment: m?.commitment?.departmentCode ?? "",
    commitmentDays: m?.commitment ? String(m.commitment.workingDays) : "",
    commitmentMethod: m?.commitment?.method ?? "",
  };
}

/**
 * A material added to a service or edited: the province file's rules hold (a legal basis; a
 * certificate names its type, a form field its type, a select its options; a conditional material
 * says when). Fields that do not apply to the chosen source are hidden, and dropped by the schema.
 */
function MaterialForm({
  service,
  material,
  certificateTypes,
  departments,
  nextOrder,
}: {
  service: Service;
  material: AdminMaterial | null;
  certificateTypes: CertificateTypes;
  departments: Departments;
  nextOrder: number;
}) {
  const tm = useTranslations("catalog.commitmentMethods");
  const t = useTranslations("catalog.admin.material");
  const tg = useTranslations("catalog.guide");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const add = useMutation(trpc.catalog.addMaterial.mutationOptions());
  const update = useMutation(trpc.catalog.updateMaterial.mutationOptions());
  const form = useZodForm(ZSaveMaterialInput, { defaultValues: formValues(service.code, material, nextOrder) });
  const [source, fieldType, required, committable] = useWatch({ control: form.control, name: ["source", "fieldType", "required", "committable"] });
  const submit = useFormSubmit(form, (values) => (material ? update.mutateAsync(values) : add.mutateAsync(values)), {
    reset: !material,
    onDone: () => {
      if (material) form.reset(form.getValues());
      router.refresh();
    },
  });
  const idPrefix = `material-${service.code}-${material?.key ?? "new"}`;
  const legend = material ? t("edit", { name: pick(material, locale) }) : t("add");
  return (
    <FormCard
      {...submit}
      plain={Boolean(material)}
      label={legend}
      legend={legend}
      testId={material ? `material-${material.key}` : "add-material"}
      success={submit.done ? t("saved") : null}
      submitLabel={material ? t("save") : t("addSubmit")}
    >
      {material ? null : <TextField form={form} name="key" label={t("key")} hint={t("keyHint")} idPrefix={idPrefix} autoComplete="off" />}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField form={form} name="nameZh" label={t("nameZh")} idPrefix={idPrefix} autoComplete="off" />
        <TextField form={form} name="nameEn" label={t("nameEn")} idPrefix={idPrefix} autoComplete="off" />
      </div>
      <TextAreaField form={form} name="legalBasis" label={t("legalBasis")} hint={t("legalBasisHint")} rows={2} idPrefix={idPrefix} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          form={form}
          name="source"
          label={t("source")}
          options={(["formField", "upload", "certificate"] as const).map((s) => ({ value: s, label: tg(`sourceKinds.${s}`) }))}
          idPrefix={idPrefix}
        />
        {source === "formField" ? (
          <SelectField
            form={form}
            name="fieldType"
            label={t("fieldType")}
            placeholder={t("choose")}
            options={fieldTypes.map((f) => ({ value: f, label: t(`fieldTypes.${f}`) }))}
            idPrefix={idPrefix}
          />
        ) : null}
        {source === "certificate" ? (
          <SelectField
            form={form}
            name="certificateType"
            label={t("certificateType")}
            placeholder={t("choose")}
            options={certificateTypes.map((c) => ({ value: c.code, label: pick(c, locale) }))}
            idPrefix={idPrefix}
          />
        ) : null}
      </div>
      {source === "formField" && fieldType === "select" ? (
        <TextAreaField form={form} name="optionsText" label={t("options")} hint={t("optionsHint")} rows={4} idPrefix={idPrefix} />
      ) : null}
      <CheckboxField form={form} name="required" label={t("required")} idPrefix={idPrefix} />
      {required ? null : (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField form={form} name="conditionZh" label={t("conditionZh")} idPrefix={idPrefix} autoComplete="off" />
          <TextField form={form} name="conditionEn" label={t("conditionEn")} idPrefix={idPrefix} autoComplete="off" />
        </div>
      )}
      {source === "formField" ? null : (
        <>
          <CheckboxField form={form} name="committable" label={t("committable")} idPrefix={idPrefix} />
          {committable ? (
            <div className="flex flex-col gap-4 border-l-4 border-brand-700 pl-3">
              <TextAreaField form={form} name="commitmentNoticeZh" label={t("commitmentNoticeZh")} rows={3} idPrefix={idPrefix} />
              <TextAreaField form={form} name="commitmentNoticeEn" label={t("commitmentNoticeEn")} rows={3} idPrefix={idPrefix} />
              <div className="grid gap-4 sm:grid-cols-3">
                <SelectField
                  form={form}
                  name="commitmentDepartment"
                  label={t("commitmentDepartment")}
                  placeholder={t("choose")}
                  options={departments.map((d) => ({ value: d.code, label: pick(d, locale) }))}
                  idPrefix={idPrefix}
                />
                <TextField form={form} name="commitmentDays" label={t("commitmentDays")} inputMode="numeric" idPrefix={idPrefix} autoComplete="off" />
                <SelectField
                  form={form}
                  name="commitmentMethod"
                  label={t("commitmentMethod")}
                  placeholder={t("choose")}
                  options={(["onSite", "dataComparison", "documentReview"] as const).map((m) => ({ value: m, label: tm(m) }))}
                  idPrefix={idPrefix}
                />
              </div>
            </div>
          ) : null}
        </>
      )}
      <div className="max-w-[12rem]">
        <TextField form={form} name="sortOrder" label={t("sortOrder")} inputMode="numeric" idPrefix={idPrefix} autoComplete="off" />
      </div>
    </FormCard>
  );
}

/** Stops the service asking for one material. */
function RemoveMaterial({ service, material }: { service: Service; material: AdminMaterial }) {
  const t = useTranslations("catalog.admin.material");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const mutation = useMutation(trpc.catalog.removeMaterial.mutationOptions());
  return (
    <div className="flex flex-col gap-2">
      <FormError message={error} />
      <div>
        <button
          type="button"
          className={staffButton.danger}
          disabled={mutation.isPending}
          onClick={async () => {
            setError(undefined);
            try {
              await mutation.mutateAsync({ serviceCode: service.code, key: material.key });
              router.refresh();
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
            }
          }}
        >
          {t("remove", { name: pick(material, locale) })}
        </button>
      </div>
    </div>
  );
}

/** A service's materials: each can be opened to edit or removed; a form adds one more. */
export function MaterialsEditor({
  service,
  certificateTypes,
  departments,
}: {
  service: Service;
  certificateTypes: CertificateTypes;
  departments: Departments;
}) {
  const t = useTranslations("catalog.admin.material");
  const tg = useTranslations("catalog.guide");
  const locale = useLocale();
  const nextOrder = Math.max(0, ...service.materials.map((m) => m.sortOrder)) + 1;
  return (
    <div className="flex flex-col gap-3" data-testid="materials-editor">
      {service.materials.length === 0 ? <p className="text-slate-700">{t("none")}</p> : null}
      <ul className="flex flex-col gap-2">
        {service.materials.map((m) => (
          <li key={m.key} className="rounded border border-slate-200 bg-white">
            <details>
              <summary className="cursor-pointer px-3 py-2">
                <span className="font-medium">{pick(m, locale)}</span> <span className="font-mono text-sm text-slate-600">{m.key}</span>
                <span className="block text-sm text-slate-700">
                  {tg(`sourceKinds.${m.source}`)} ·{" "}
                  {m.required ? tg("required") : tg("conditional", { condition: (locale === "en" ? m.conditionEn : m.conditionZh) ?? "" })}
                  {m.commitment ? ` · ${t("committable")}` : null}
                </span>
              </summary>
              <div className="flex flex-col gap-4 border-t border-slate-200 p-3">
                <MaterialForm service={service} material={m} certificateTypes={certificateTypes} departments={departments} nextOrder={nextOrder} />
                <RemoveMaterial service={service} material={m} />
              </div>
            </details>
          </li>
        ))}
      </ul>
      <MaterialForm
        key={`new-${service.materials.length}`}
        service={service}
        material={null}
        certificateTypes={certificateTypes}
        departments={departments}
        nextOrder={nextOrder}
      />
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { CheckboxGroupField, FieldError, FormError, SelectField, TextAreaField, TextField } from "@/components/form/fields";
import { FormCard, useFormSubmit } from "@/components/form/form-card";
import { staffButton } from "@/components/form/staff-form-parts";
import { useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZCreateBundleInput } from "../inputs";
import type { CatalogAdmin } from "../views";
import { pick } from "./format";

/**
 * A new bundle (一件事): its names, lead department, applicants, the certificate it requires, and
 * which services are its steps (each step keyed by its service's code). The steps start with no
 * prerequisites; the step editor below sets which need which. It is created unpublished.
 */
export function NewBundleForm({ catalog }: { catalog: Pick<CatalogAdmin, "departments" | "certificateTypes" | "services"> }) {
  const t = useTranslations("catalog.admin");
  const tc = useTranslations("catalog");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.catalog.createBundle.mutationOptions());
  const form = useZodForm(ZCreateBundleInput, {
    defaultValues: {
      code: "",
      nameZh: "",
      nameEn: "",
      descriptionZh: "",
      descriptionEn: "",
      leadDepartmentCode: "",
      applicantKinds: ["enterprise"],
      requiresCertificateType: "",
      steps: [],
    },
  });
  const steps = useWatch({ control: form.control, name: "steps" }) ?? [];
  const chosen = new Set(steps.map((s) => s.serviceCode));
  const submit = useFormSubmit(form, (values) => mutation.mutateAsync(values), { reset: true, onDone: () => router.refresh() });
  const stepsError = form.getFieldState("steps", form.formState).error?.message;

  function toggle(code: string, on: boolean) {
    const current = form.getValues("steps") ?? [];
    const next = on
      ? [...current.filter((s) => s.serviceCode !== code), { key: code, serviceCode: code, needs: [] }]
      : current.filter((s) => s.serviceCode !== code);
    form.setValue("steps", next, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  }

  return (
    <FormCard
      {...submit}
      plain
      label={t("newBundle")}
      legend={t("newBundle")}
      hideLegend
      testId="new-bundle"
      success={submit.done && mutation.data ? t("bundleCreated", { code: mutation.data.code, version: mutation.data.catalogVersion }) : null}
      submitLabel={submit.pending ? t("saving") : t("create")}
    >
      <TextField form={form} name="code" label={t("field.code")} hint={t("field.codeHint")} idPrefix="new-bundle" autoComplete="off" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField form={form} name="nameZh" label={t("field.nameZh")} idPrefix="new-bundle" autoComplete="off" />
        <TextField form={form} name="nameEn" label={t("field.nameEn")} idPrefix="new-bundle" autoComplete="off" />
        <TextAreaField form={form} name="descriptionZh" label={t("field.descriptionZh")} idPrefix="new-bundle" />
        <TextAreaField form={form} name="descriptionEn" label={t("field.descriptionEn")} idPrefix="new-bundle" />
      </div>
      <SelectField
        form={form}
        name="leadDepartmentCode"
        label={t("field.leadDepartment")}
        placeholder={t("choose")}
        options={catalog.departments.map((d) => ({ value: d.code, label: `${pick(d, locale)}（${d.code}）` }))}
        idPrefix="new-bundle"
      />
      <CheckboxGroupField
        form={form}
        name="applicantKinds"
        legend={t("field.applicantKinds")}
        options={(["enterprise", "citizen"] as const).map((k) => ({ value: k, label: tc(`kinds.${k}`) }))}
        idPrefix="new-bundle"
      />
      <SelectField
        form={form}
        name="requiresCertificateType"
        label={t("field.requires")}
        placeholder={t("field.requiresNone")}
        options={catalog.certificateTypes.map((c) => ({ value: c.code, label: pick(c, locale) }))}
        idPrefix="new-bundle"
      />
      <fieldset className="flex flex-col gap-1" aria-describedby={stepsError ? "new-bundle-steps-error" : undefined}>
        <legend className="mb-1 font-medium text-slate-800">{t("field.steps")}</legend>
        <p className="text-sm text-slate-600">{t("field.stepsHint")}</p>
        <div className="grid gap-1 sm:grid-cols-2">
          {catalog.services.map((s) => {
            const id = `new-bundle-step-${s.code}`;
            return (
              <div key={s.code} className="flex items-start gap-2">
                <input
                  id={id}
                  type="checkbox"
                  className="mt-1 h-5 w-5 shrink-0"
                  checked={chosen.has(s.code)}
                  onChange={(e) => toggle(s.code, e.target.checked)}
                />
                <label htmlFor={id} className="text-sm">
                  {pick(s, locale)} <span className="font-mono text-slate-600">{s.code}</span>
                  {s.published ? null : <span className="text-slate-600">（{t("unpublished")}）</span>}
                </label>
              </div>
            );
          })}
        </div>
        <FieldError id="new-bundle-steps-error" name="steps" message={stepsError} />
      </fieldset>
    </FormCard>
  );
}

/** Publishes a bundle or withdraws it; refused while one of its services is unpublished. */
export function PublishBundleButton({ bundle }: { bundle: Pick<CatalogAdmin["bundles"][number], "code" | "nameZh" | "nameEn" | "published"> }) {
  const t = useTranslations("catalog.admin");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const mutation = useMutation(trpc.catalog.publishBundle.mutationOptions());
  return (
    <div className="flex flex-col gap-2">
      <FormError message={error} />
      <div>
        <button
          type="button"
          className={bundle.published ? staffButton.secondary : staffButton.primary}
          disabled={mutation.isPending}
          onClick={async () => {
            setError(undefined);
            try {
              await mutation.mutateAsync({ code: bundle.code, published: !bundle.published });
              router.refresh();
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
            }
          }}
        >
          {bundle.published ? t("withdrawBundle", { name: pick(bundle, locale) }) : t("publishBundle", { name: pick(bundle, locale) })}
        </button>
      </div>
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import type { UseFormReturn } from "react-hook-form";
import { CheckboxField, CheckboxGroupField, SelectField, TextAreaField, TextField } from "@/components/form/fields";
import { FormCard, useFormSubmit } from "@/components/form/form-card";
import { useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZCreateServiceInput, ZUpdateServiceInput, type CreateServiceInput } from "../inputs";
import { fenToYuan } from "../model";
import type { CatalogAdmin } from "../views";
import { pick } from "./format";

type Service = CatalogAdmin["services"][number];
type Choices = Pick<CatalogAdmin, "departments" | "certificateTypes">;
type Form = UseFormReturn<CreateServiceInput, unknown, unknown>;

/** The fields a service has, shared by the new-service form and the editor. */
function ServiceFields({ form, choices, idPrefix }: { form: Form; choices: Choices; idPrefix: string }) {
  const t = useTranslations("catalog.admin");
  const tc = useTranslations("catalog");
  const locale = useLocale();
  const f = form as unknown as UseFormReturn<CreateServiceInput>;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField form={f} name="nameZh" label={t("field.nameZh")} idPrefix={idPrefix} autoComplete="off" />
        <TextField form={f} name="nameEn" label={t("field.nameEn")} idPrefix={idPrefix} autoComplete="off" />
      </div>
      <SelectField
        form={f}
        name="departmentCode"
        label={t("field.department")}
        placeholder={t("choose")}
        options={choices.departments.map((d) => ({ value: d.code, label: `${pick(d, locale)}（${d.code}）` }))}
        idPrefix={idPrefix}
      />
      <TextAreaField form={f} name="legalBasis" label={t("field.legalBasis")} hint={t("field.legalBasisHint")} idPrefix={idPrefix} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextAreaField form={f} name="conditionsZh" label={t("field.conditionsZh")} idPrefix={idPrefix} />
        <TextAreaField form={f} name="conditionsEn" label={t("field.conditionsEn")} idPrefix={idPrefix} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField form={f} name="statutoryDays" label={t("statutoryDays")} inputMode="numeric" autoComplete="off" idPrefix={idPrefix} />
        <TextField form={f} name="promisedDays" label={t("promisedDays")} inputMode="numeric" autoComplete="off" idPrefix={idPrefix} />
        <TextField form={f} name="feeYuan" label={t("feeYuan")} inputMode="text" autoComplete="off" idPrefix={idPrefix} />
      </div>
      <CheckboxGroupField
        form={f}
        name="applicantKinds"
        legend={t("field.applicantKinds")}
        options={(["enterprise", "citizen"] as const).map((k) => ({ value: k, label: tc(`kinds.${k}`) }))}
        idPrefix={idPrefix}
      />
      <SelectField
        form={f}
        name="issuesCertificateType"
        label={t("field.issues")}
        placeholder={t("field.issuesNone")}
        options={choices.certificateTypes.map((c) => ({ value: c.code, label: pick(c, locale) }))}
        idPrefix={idPrefix}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium text-slate-800">{t("flags")}</legend>
        <CheckboxField form={f} name="autoAcceptance" label={t("autoAcceptance")} idPrefix={idPrefix} />
        <CheckboxField form={f} name="deemedApprovalOnTimeout" label={t("deemedApprovalOnTimeout")} idPrefix={idPrefix} />
        <CheckboxField form={f} name="registersEntity" label={t("registersEntity")} idPrefix={idPrefix} />
        <CheckboxField form={f} name="published" label={t("published")} idPrefix={idPrefix} />
      </fieldset>
    </>
  );
}

/** The competence rule's fields as the editor types them (see `competenceFromForm`). */
interface CompetenceForm {
  competence: { lowestLevel: string; locationKey: string; provinceFromAmount: { key: string; atLeast: string } };
}

/** 管辖层级: which level decides, by the applicant's division or a location answer, with an amount threshold. */
function CompetenceFields({ form, idPrefix }: { form: UseFormReturn<CompetenceForm>; idPrefix: string }) {
  const t = useTranslations("catalog.admin.competence");
  return (
    <fieldset className="flex flex-col gap-3" data-testid="competence-fields">
      <legend className="mb-1 font-medium text-slate-800">{t("legend")}</legend>
      <p className="text-sm text-slate-600">{t("hint")}</p>
      <SelectField
        form={form}
        name="competence.lowestLevel"
        label={t("lowestLevel")}
        placeholder={t("none")}
        options={[
          { value: "county", label: t("county") },
          { value: "city", label: t("city") },
        ]}
        idPrefix={idPrefix}
      />
      <TextField form={form} name="competence.locationKey" label={t("locationKey")} hint={t("locationKeyHint")} autoComplete="off" idPrefix={idPrefix} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField form={form} name="competence.provinceFromAmount.key" label={t("amountKey")} autoComplete="off" idPrefix={idPrefix} />
        <TextField
          form={form}
          name="competence.provinceFromAmount.atLeast"
          label={t("amountAtLeast")}
          inputMode="decimal"
          autoComplete="off"
          idPrefix={idPrefix}
        />
      </div>
    </fieldset>
  );
}

/**
 * One service as the data office keeps it: names, department, legal basis, conditions, limits,
 * fee, applicants, the certificate it issues, its switches and its competence rule (管辖层级). The province file's rules are the
 * form's and again the server's (a promise above the statute, no legal basis: on their fields).
 */
export function ServiceEditor({ service, choices }: { service: Service; choices: Choices }) {
  const t = useTranslations("catalog.admin");
  const en = useLocale() === "en";
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.catalog.updateService.mutationOptions());
  const form = useZodForm(ZUpdateServiceInput, {
    defaultValues: {
      code: service.code,
      nameZh: service.nameZh,
      nameEn: service.nameEn,
      departmentCode: service.department.code,
      legalBasis: service.legalBasis,
      conditionsZh: service.conditionsZh,
      conditionsEn: service.conditionsEn,
      applicantKinds: service.applicantKinds,
      issuesCertificateType: service.issuesCertificateType ?? "",
      registersEntity: service.registersEntity,
      statutoryDays: String(service.statutoryDays),
      promisedDays: String(service.promisedDays),
      feeYuan: String(fenToYuan(service.feeFen)),
      autoAcceptance: service.autoAcceptance,
      deemedApprovalOnTimeout: service.deemedApprovalOnTimeout,
      published: service.published,
      competence: {
        lowestLevel: service.competence?.lowestLevel ?? "",
        locationKey: service.competence?.locationKey ?? "",
        provinceFromAmount: {
          key: service.competence?.provinceFromAmount?.key ?? "",
          atLeast: service.competence?.provinceFromAmount ? String(service.competence.provinceFromAmount.atLeast) : "",
        },
      },
    },
  });
  // Saved values become the form's own (not dirty), and the page reloads what the table shows.
  const submit = useFormSubmit(form, (values) => mutation.mutateAsync(values), {
    onDone: () => {
      form.reset(form.getValues());
      router.refresh();
    },
  });
  const name = en ? service.nameEn : service.nameZh;
  return (
    <FormCard
      {...submit}
      plain
      label={t("editService", { name })}
      legend={t("editService", { name })}
      hideLegend
      testId="service-editor"
      success={submit.done && !form.formState.isDirty ? t("saved") : null}
      submitLabel={submit.pending ? t("saving") : t("save")}
    >
      <ServiceFields form={form as unknown as Form} choices={choices} idPrefix={`service-${service.code}`} />
      <CompetenceFields form={form as unknown as UseFormReturn<CompetenceForm>} idPrefix={`service-${service.code}`} />
    </FormCard>
  );
}

/** A new service: unpublished unless ticked, so its materials can be added before anyone applies. */
export function NewServiceForm({ choices }: { choices: Choices }) {
  const t = useTranslations("catalog.admin");
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.catalog.createService.mutationOptions());
  const form = useZodForm(ZCreateServiceInput, {
    defaultValues: {
      code: "",
      nameZh: "",
      nameEn: "",
      departmentCode: "",
      legalBasis: "",
      conditionsZh: "",
      conditionsEn: "",
      applicantKinds: ["enterprise"],
      issuesCertificateType: "",
      registersEntity: false,
      statutoryDays: "20",
      promisedDays: "10",
      feeYuan: "0",
      autoAcceptance: false,
      deemedApprovalOnTimeout: false,
      published: false,
    },
  });
  const submit = useFormSubmit(form, (values) => mutation.mutateAsync(values), {
    onDone: () => router.push(`/data-office/catalog?service=${encodeURIComponent(form.getValues("code"))}#service-editor`),
  });
  return (
    <FormCard
      {...submit}
      plain
      label={t("newService")}
      legend={t("newService")}
      hideLegend
      testId="new-service"
      success={submit.done && mutation.data ? t("created", { code: mutation.data.code, version: mutation.data.catalogVersion }) : null}
      submitLabel={submit.pending ? t("saving") : t("create")}
    >
      <TextField form={form} name="code" label={t("field.code")} hint={t("field.codeHint")} idPrefix="new-service" autoComplete="off" />
      <ServiceFields form={form as unknown as Form} choices={choices} idPrefix="new-service" />
    </FormCard>
  );
}

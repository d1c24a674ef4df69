"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, SelectField, SubmitButton } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { StaffTextArea } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import { ZUpdateResourceInput } from "../../inputs";
import { openTypes, shareTypes, updateFrequencies, type UpdateFrequency } from "../../model";
import { ClientForm } from "@/components/form/client-form";

export interface EditableResource {
  code: string;
  name: string;
  shareType: (typeof shareTypes)[number];
  openType: (typeof openTypes)[number];
  updateFrequency: UpdateFrequency;
  legalBasis: string;
}

/** The data office sets a resource's share type, open type, update frequency and legal basis. */
export function ResourceEditor({ resource }: { resource: EditableResource }) {
  const t = useTranslations("sharing.office");
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const mutation = useMutation(trpc.sharing.updateResource.mutationOptions());
  const form = useZodForm(ZUpdateResourceInput, {
    defaultValues: {
      code: resource.code,
      shareType: resource.shareType,
      openType: resource.openType,
      updateFrequency: resource.updateFrequency,
      legalBasis: resource.legalBasis,
    },
  });
  const pending = form.formState.isSubmitting;
  const title = t("editor.title", { name: resource.name });
  const idPrefix = `resource-${resource.code.replaceAll(".", "-")}`;

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    try {
      await mutation.mutateAsync(values);
      setSaved(true);
      form.reset(values);
      router.refresh();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-label={title} className="flex flex-col gap-4" data-testid="resource-editor">
      <fieldset disabled={pending} aria-busy={pending} className="flex flex-col gap-4">
        <legend className="sr-only">{title}</legend>
        <FormError message={form.formState.errors.root?.server?.message ?? form.formState.errors.code?.message} />
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            form={form}
            name="shareType"
            idPrefix={idPrefix}
            label={t("editor.shareType")}
            options={shareTypes.map((s) => ({ value: s, label: t(`shareType.${s}`) }))}
          />
          <SelectField
            form={form}
            name="openType"
            idPrefix={idPrefix}
            label={t("editor.openType")}
            options={openTypes.map((s) => ({ value: s, label: t(`openType.${s}`) }))}
          />
          <SelectField
            form={form}
            name="updateFrequency"
            idPrefix={idPrefix}
            label={t("editor.frequency")}
            options={updateFrequencies.map((s) => ({ value: s, label: t(`frequency.${s}`) }))}
          />
        </div>
        <p className="text-sm text-slate-600">{t("editor.shareTypeHint")}</p>
        <StaffTextArea form={form} name="legalBasis" idPrefix={idPrefix} label={t("editor.legalBasis")} hint={t("editor.legalBasisHint")} required />
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending}>{pending ? t("editor.saving") : t("editor.save")}</SubmitButton>
          <span role="status" className="text-green-800">
            {saved && !form.formState.isDirty ? t("editor.saved") : null}
          </span>
        </div>
      </fieldset>
    </ClientForm>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ClientForm } from "@/components/form/client-form";
import { FormError, SelectField, SubmitButton, TextAreaField, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZFileDataObjectionInput } from "../inputs";

/**
 * 数据有误，提出异议: the holder (on their certificate) or a using department's reviewer (on a
 * certificate the case uses) says a field is wrong and what it should be. The issuing department
 * verifies it within its working days; the page then refreshes to show the objection.
 */
export function ObjectionForm({
  number,
  fields,
  as,
  idPrefix,
}: {
  number: string;
  fields: ReadonlyArray<{ key: string; label: string }>;
  as: "holder" | "department";
  idPrefix: string;
}) {
  const t = useTranslations("sharing.objections.ui");
  const router = useRouter();
  const trpc = useTRPC();
  const file = useMutation((as === "holder" ? trpc.sharing.fileObjection : trpc.sharing.fileObjectionAsUser).mutationOptions());
  const [dueOn, setDueOn] = useState<string | null>(null);
  const form = useZodForm(ZFileDataObjectionInput, { defaultValues: { number, fieldKey: "", claim: "", proposedValue: "" } });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const filed = await file.mutateAsync(values);
      setDueOn(filed.dueOn);
      router.refresh();
    } catch (e) {
      applyServerErrors(form, e);
    }
  });

  return (
    <details className="rounded border border-slate-300 bg-slate-50 print:hidden" data-testid={`objection-${number}`}>
      <summary className="cursor-pointer rounded px-3 py-2 font-medium text-brand-700 hover:bg-brand-50">{t("summary")}</summary>
      <ClientForm onSubmit={onSubmit} noValidate className="border-t border-slate-300 p-3">
        <fieldset disabled={form.formState.isSubmitting || dueOn !== null} className="flex flex-col gap-3">
          <legend className="sr-only">{t("summary")}</legend>
          <p className="text-sm text-slate-700">{t("lead")}</p>
          <FormError message={form.formState.errors.root?.server?.message} />
          <SelectField
            form={form}
            name="fieldKey"
            label={t("field")}
            placeholder={t("pickField")}
            options={fields.map((f) => ({ value: f.key, label: f.label }))}
            idPrefix={idPrefix}
          />
          <TextAreaField form={form} name="claim" label={t("claim")} hint={t("claimHint")} idPrefix={idPrefix} />
          <TextField form={form} name="proposedValue" label={t("proposedValue")} hint={t("proposedHint")} idPrefix={idPrefix} />
          <div>
            <SubmitButton pending={form.formState.isSubmitting}>{t("submit")}</SubmitButton>
          </div>
          {dueOn ? (
            <p role="status" className="text-sm text-green-900">
              {t("filed", { dueOn })}
            </p>
          ) : null}
        </fieldset>
      </ClientForm>
    </details>
  );
}

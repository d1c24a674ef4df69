"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { z } from "zod";
import { FormError, useMessage } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { formatAnswer } from "../../catalog/model";
import { boundedRecord, ZMaterialSupply } from "../inputs";
import type { ApplicationView, StageMaterialView } from "../views";
import { ClientForm } from "@/components/form/client-form";

const ZStageForm = z.object({ formData: boundedRecord(z.string()), materials: boundedRecord(ZMaterialSupply) });

const inputClass = "rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-seal-600";

/**
 * A staged bundle's next steps wait for the applicant: the materials their stage needs, uploaded
 * (or typed) here. The server checks them against what it derives, field by field.
 */
export function StageMaterialsForm({ application }: { application: ApplicationView & { stageMaterials: NonNullable<ApplicationView["stageMaterials"]> } }) {
  const t = useTranslations("applications.stageMaterials");
  const ta = useTranslations("applications.apply");
  const locale = useLocale();
  const en = locale === "en";
  const message = useMessage();
  const router = useRouter();
  const trpc = useTRPC();
  const supply = useMutation(trpc.applications.supplyStageMaterials.mutationOptions());
  const [uploaded, setUploaded] = useState<Record<string, { name: string; error?: string; busy?: boolean }>>({});
  const { steps, materials } = application.stageMaterials;
  const form = useZodForm(ZStageForm, {
    defaultValues: { formData: Object.fromEntries(materials.filter((m) => m.source === "formField").map((m) => [m.key, ""])), materials: {} },
  });
  const pending = form.formState.isSubmitting || supply.isSuccess;
  const name = (m: StageMaterialView) => (en ? m.nameEn : m.nameZh);
  const errorOf = (group: "formData" | "materials", key: string) =>
    (form.formState.errors[group] as Record<string, { message?: string }> | undefined)?.[key]?.message;

  async function upload(key: string, file: File | undefined) {
    if (!file) return;
    setUploaded((s) => ({ ...s, [key]: { name: file.name, busy: true } }));
    const body = new FormData();
    body.set("file", file);
    const res = await fetch("/api/uploads", { method: "POST", body });
    const json = (await res.json().catch(() => ({}))) as { id?: string; error?: string };
    if (!res.ok || !json.id) {
      setUploaded((s) => ({ ...s, [key]: { name: file.name, error: json.error ?? ta("uploadFailed") } }));
      return;
    }
    form.setValue(`materials.${key}`, { kind: "upload", uploadId: json.id }, { shouldDirty: true });
    form.clearErrors(`materials.${key}`);
    setUploaded((s) => ({ ...s, [key]: { name: file.name } }));
  }

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await supply.mutateAsync({ applicationId: application.id, version: application.version, ...values });
      router.refresh();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  const stepNames = steps.map((s) => `${t("stage", { stage: s.stage })} ${en ? s.serviceNameEn : s.serviceNameZh}`).join(en ? "; " : "；");

  return (
    <section aria-labelledby="stage-materials-heading" className="flex flex-col gap-3" data-testid="stage-materials">
      <h2 id="stage-materials-heading" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <p className="text-slate-700">{t("lead", { steps: stepNames })}</p>
      <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-amber-500 bg-white p-4 sm:p-6">
        <FormError message={form.formState.errors.root?.server?.message} />
        <fieldset disabled={pending} className="flex flex-col gap-4">
          <legend className="sr-only">{t("heading")}</legend>
          {materials.map((m) => {
            const group = m.source === "formField" ? "formData" : "materials";
            const error = errorOf(group, m.key);
            const id = `stage-${m.key}`;
            const label = (
              <>
                {name(m)}
                {m.required ? <span className="text-seal-600"> *</span> : <span className="text-sm font-normal text-slate-600"> {ta("optional")}</span>}
              </>
            );
            const common = { id, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : `${id}-basis`, className: inputClass };
            return (
              <div key={m.key} className="flex flex-col gap-1 rounded border border-slate-200 p-3" data-testid={`stage-material-${m.key}`}>
                <label htmlFor={id} className="font-medium">
                  {m.source === "formField" ? label : ta("uploadLabel", { name: name(m) })}
                  {m.source !== "formField" && m.required ? <span className="text-seal-600"> *</span> : null}
                </label>
                <p id={`${id}-basis`} className="text-sm text-slate-600">
                  {ta("legalBasis", { basis: m.legalBasis })}
                </p>
                {m.source !== "formField" ? (
                  <>
                    <input
                      {...common}
                      className="text-sm"
                      type="file"
                      accept="application/pdf,image/png,image/jpeg"
                      onChange={(e) => void upload(m.key, e.target.files?.[0])}
                    />
                    {uploaded[m.key]?.busy ? <p className="text-sm">{ta("uploading")}</p> : null}
                    {uploaded[m.key] && !uploaded[m.key]?.busy && !uploaded[m.key]?.error ? (
                      <p className="text-sm text-green-900" data-testid={`stage-uploaded-${m.key}`}>
                        {ta("uploaded", { name: uploaded[m.key]?.name ?? "" })}
                      </p>
                    ) : null}
                    {uploaded[m.key]?.error ? <p className="text-sm text-seal-600">{uploaded[m.key]?.error}</p> : null}
                  </>
                ) : m.field?.fieldType === "select" ? (
                  <select {...common} {...form.register(`formData.${m.key}`)}>
                    <option value="">{ta("choose")}</option>
                    {(m.field.options ?? []).map((o) => (
                      <option key={o.value} value={o.value}>
                        {formatAnswer({ fieldType: "select", options: m.field?.options ?? null }, o.value, locale)}
                      </option>
                    ))}
                  </select>
                ) : m.field?.fieldType === "textarea" ? (
                  <textarea rows={3} {...common} {...form.register(`formData.${m.key}`)} />
                ) : (
                  <input
                    {...common}
                    type={m.field?.fieldType === "date" ? "date" : "text"}
                    inputMode={m.field?.fieldType === "number" ? "decimal" : undefined}
                    {...form.register(`formData.${m.key}`)}
                  />
                )}
                {error ? (
                  <p id={`${id}-error`} className="text-sm text-seal-600" data-testid={`error-${group}.${m.key}`}>
                    {message(error)}
                  </p>
                ) : null}
              </div>
            );
          })}
        </fieldset>
        <button
          type="submit"
          disabled={pending}
          className="self-start rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {pending ? t("submitting") : t("submit")}
        </button>
      </ClientForm>
    </section>
  );
}

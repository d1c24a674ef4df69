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
import { boundedRecord, ZMaterialSupply, ZSupplementAnswer } from "../inputs";
import { canWithdraw } from "../model";
import type { ApplicationView } from "../views";
import { ClientForm } from "@/components/form/client-form";

const ZSupplementForm = z.object({
  formData: boundedRecord(z.string()),
  materials: boundedRecord(ZMaterialSupply),
  // React Hook Form keeps `answers.1.text` as an array by the item's position (holes for material
  // items); the server takes a record by position.
  answers: z
    .array(ZSupplementAnswer.nullish())
    .max(1000)
    .transform((list) => Object.fromEntries(list.flatMap((a, i) => (a ? [[String(i), a] as const] : [])))),
});

/** What the applicant can do on the case page: answer the one notice, or withdraw. */
export function CaseActions({ application }: { application: ApplicationView }) {
  const t = useTranslations("applications.case");
  const locale = useLocale();
  const en = locale === "en";
  const message = useMessage();
  const router = useRouter();
  const trpc = useTRPC();
  const complete = useMutation(trpc.applications.completeSupplement.mutationOptions());
  const withdraw = useMutation(trpc.applications.withdraw.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<Record<string, string>>({});

  const notice = application.notices.find((n) => !n.completedAt);
  const keys = [...new Set(notice?.items.flatMap((i) => (i.kind === "material" ? i.materialKeys : [])) ?? [])];
  // Documents asked for in words are uploaded, questions answered in text, each under its item's position.
  const asked = notice?.items.filter((i) => i.kind !== "material") ?? [];
  const materials = application.materials.filter((m) => keys.includes(m.key));
  const form = useZodForm(ZSupplementForm, {
    defaultValues: {
      formData: Object.fromEntries(materials.filter((m) => m.source === "formField").map((m) => [m.key, m.value ?? ""])),
      materials: {},
      answers: (notice?.items ?? []).map((i) => (i.kind === "question" ? { text: "" } : i.kind === "document" ? {} : null)),
    },
  });

  async function upload(key: string, file: File | undefined) {
    if (!file) return;
    const body = new FormData();
    body.set("file", file);
    const res = await fetch("/api/uploads", { method: "POST", body });
    const json = (await res.json().catch(() => ({}))) as { id?: string; error?: string };
    if (!res.ok || !json.id) {
      form.setError(`materials.${key}`, { message: json.error ?? t("uploadFailed") });
      return;
    }
    form.setValue(`materials.${key}`, { kind: "upload", uploadId: json.id });
    form.clearErrors(`materials.${key}`);
    setUploaded((u) => ({ ...u, [key]: file.name }));
  }

  async function uploadAnswer(index: number, file: File | undefined) {
    if (!file) return;
    const body = new FormData();
    body.set("file", file);
    const res = await fetch("/api/uploads", { method: "POST", body });
    const json = (await res.json().catch(() => ({}))) as { id?: string; error?: string };
    if (!res.ok || !json.id) {
      form.setError(`answers.${index}.uploadId`, { message: json.error ?? t("uploadFailed") });
      return;
    }
    form.setValue(`answers.${index}.uploadId`, json.id);
    form.clearErrors(`answers.${index}.uploadId`);
    setUploaded((u) => ({ ...u, [`answer-${index}`]: file.name }));
  }

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await complete.mutateAsync({ applicationId: application.id, version: application.version, ...values });
      router.refresh();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  async function doWithdraw() {
    try {
      await withdraw.mutateAsync({ applicationId: application.id, version: application.version });
      setConfirming(false);
      router.refresh();
    } catch (error) {
      setWithdrawError(error instanceof Error ? error.message : String(error));
    }
  }

  const fieldError = (group: "formData" | "materials", key: string) =>
    (form.formState.errors[group] as Record<string, { message?: string }> | undefined)?.[key]?.message;
  const answerError = (index: number, field: "text" | "uploadId") =>
    (form.formState.errors.answers as Record<string, Record<string, { message?: string }> | undefined> | undefined)?.[String(index)]?.[field]?.message;

  return (
    <div className="flex flex-col gap-4">
      {application.status === "supplementRequired" && notice ? (
        <ClientForm onSubmit={onSubmit} noValidate className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
          <fieldset disabled={form.formState.isSubmitting} className="flex flex-col gap-4">
            <legend className="text-lg font-semibold">{t("answerNotice")}</legend>
            <FormError message={form.formState.errors.root?.server?.message} />
            <p className="text-slate-700">{t("answerLead")}</p>
            {asked.map((item) => {
              const n = item.index + 1;
              const id = `answer-${item.index}`;
              const field = item.kind === "document" ? "uploadId" : "text";
              const error = answerError(item.index, field);
              const errorId = error ? `${id}-error` : undefined;
              const department = item.departmentNameZh ? (en ? item.departmentNameEn : item.departmentNameZh) : null;
              return (
                <div key={item.index} className="flex flex-col gap-1 rounded border border-slate-200 bg-slate-50 p-3">
                  <p id={`${id}-asked`} className="text-sm text-slate-700">
                    {department ? `${department}：` : ""}
                    <span className="whitespace-pre-wrap text-slate-900">{item.text}</span>
                  </p>
                  <label htmlFor={id} className="font-medium">
                    {item.kind === "document" ? t("answerUpload", { n }) : t("answerText", { n })}
                  </label>
                  {item.kind === "document" ? (
                    <>
                      <input
                        id={id}
                        type="file"
                        accept="application/pdf,image/png,image/jpeg"
                        aria-describedby={[`${id}-asked`, errorId].filter(Boolean).join(" ")}
                        aria-invalid={error ? true : undefined}
                        onChange={(e) => void uploadAnswer(item.index, e.target.files?.[0])}
                      />
                      {uploaded[id] ? <p className="text-sm text-green-900">{t("uploadedName", { name: uploaded[id] ?? "" })}</p> : null}
                    </>
                  ) : (
                    <textarea
                      id={id}
                      rows={3}
                      className="rounded border border-slate-400 bg-white px-3 py-2"
                      aria-describedby={[`${id}-asked`, errorId].filter(Boolean).join(" ")}
                      aria-invalid={error ? true : undefined}
                      {...form.register(`answers.${item.index}.text`)}
                    />
                  )}
                  {error ? (
                    <p id={errorId} className="text-sm text-seal-600">
                      {message(error)}
                    </p>
                  ) : null}
                </div>
              );
            })}
            {materials.map((m) => {
              const id = `supplement-${m.key}`;
              const error = fieldError(m.source === "formField" ? "formData" : "materials", m.key);
              return (
                <div key={m.key} className="flex flex-col gap-1">
                  <label htmlFor={id} className="font-medium">
                    {en ? m.nameEn : m.nameZh}
                  </label>
                  {m.source === "formField" && m.field?.fieldType === "select" ? (
                    // Options by their labels: the applicant never reads or types a code.
                    <select
                      id={id}
                      className="rounded border border-slate-400 px-3 py-2"
                      aria-invalid={error ? true : undefined}
                      {...form.register(`formData.${m.key}`)}
                    >
                      <option value="">{t("choose")}</option>
                      {(m.field.options ?? []).map((o) => (
                        <option key={o.value} value={o.value}>
                          {formatAnswer(m.field!, o.value, locale)}
                        </option>
                      ))}
                    </select>
                  ) : m.source === "formField" ? (
                    <input
                      id={id}
                      type={m.field?.fieldType === "date" ? "date" : "text"}
                      inputMode={m.field?.fieldType === "number" ? "decimal" : undefined}
                      className="rounded border border-slate-400 px-3 py-2"
                      aria-invalid={error ? true : undefined}
                      {...form.register(`formData.${m.key}`)}
                    />
                  ) : (
                    <>
                      <input id={id} type="file" accept="application/pdf,image/png,image/jpeg" onChange={(e) => void upload(m.key, e.target.files?.[0])} />
                      {uploaded[m.key] ? <p className="text-sm text-green-900">{t("uploadedName", { name: uploaded[m.key] ?? "" })}</p> : null}
                    </>
                  )}
                  {error ? <p className="text-sm text-seal-600">{message(error)}</p> : null}
                </div>
              );
            })}
            <div>
              <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
                {t("sendSupplement")}
              </button>
            </div>
          </fieldset>
        </ClientForm>
      ) : null}

      {canWithdraw(application.status) ? (
        <div className="flex flex-col gap-2">
          {confirming ? (
            <div role="alertdialog" aria-labelledby="withdraw-confirm" className="rounded-lg border border-seal-600 bg-white p-4">
              <p id="withdraw-confirm" className="font-medium">
                {t("withdrawConfirm")}
              </p>
              <div className="mt-3 flex gap-3">
                <button type="button" onClick={() => void doWithdraw()} className="rounded bg-seal-600 px-4 py-2 text-white">
                  {t("withdrawYes")}
                </button>
                <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-400 px-4 py-2">
                  {t("withdrawNo")}
                </button>
              </div>
            </div>
          ) : (
            <div>
              <button type="button" onClick={() => setConfirming(true)} className="rounded border border-seal-600 px-4 py-2 text-seal-600 hover:bg-red-50">
                {t("withdraw")}
              </button>
            </div>
          )}
          {withdrawError ? <p className="text-seal-600">{withdrawError}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

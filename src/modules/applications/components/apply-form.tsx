"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { z } from "zod";
import { FormError, useMessage } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { msg } from "@/lib/message";
import { useTRPC } from "@/trpc/react";
import { formatAnswer, materialMayApply, situationAnswerProblems } from "../../catalog/model";
import type { ApplicationPlan, PlanMaterial } from "../../catalog/plan";
import { formDataSchema } from "../form-schema";
import { boundedRecord, ZMaterialSupply } from "../inputs";
import type { prefillCertificates } from "../prefill";
import { ClientForm } from "@/components/form/client-form";

type Prefill = Awaited<ReturnType<typeof prefillCertificates>>;
type Supply = z.infer<typeof ZMaterialSupply>;

interface Props {
  plan: ApplicationPlan;
  prefill: Prefill;
  draft: { situations: Record<string, string>; formData: Record<string, string>; uploads: Record<string, string> } | null;
  idempotencyKey: string;
  /** 告知承诺: why the applicant may not commit instead of proof (a message key), or null when they may. */
  commitmentExcluded?: string | null;
}

const inputClass = "rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-seal-600";

/**
 * The one form of an application, built from the catalog: each piece of data once, uploads for
 * what only the applicant has, and the certificates government already holds shown, locked, as
 * supplied by government.
 */
export function ApplyForm({ plan, prefill, draft, idempotencyKey, commitmentExcluded = null }: Props) {
  const t = useTranslations("applications.apply");
  const tm = useTranslations("catalog.commitmentMethods");
  const tf = useTranslations("applications.foreign");
  const message = useMessage();
  const locale = useLocale();
  const en = locale === "en";
  const router = useRouter();
  const trpc = useTRPC();
  const submit = useMutation(trpc.applications.submit.mutationOptions());
  const save = useMutation(trpc.applications.saveDraft.mutationOptions());
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [uploadState, setUploadState] = useState<Record<string, { name: string; size: number; error?: string; busy?: boolean }>>({});

  const held = new Map(prefill.certificates.map((c) => [c.typeCode, c]));
  // Fields the registry already holds: filled from it and locked (the server takes them from it again).
  const fromRegistry = new Map(prefill.registryFields.map((f) => [f.key, f]));
  // A staged bundle asks a later stage's materials when that stage opens, on the case page.
  const firstStage = plan.materials.filter((m) => m.stage === 1);
  const allFiles = firstStage.filter((m) => m.source !== "formField");
  // 全程网办: a certificate the applicant's region's node will supply at submission (its node reachable now).
  const fromPeer = (m: PlanMaterial) => (m.source === "certificate" ? (held.get(m.certificateType ?? "")?.obtainFrom ?? null) : null);
  const usesGovernmentCertificates = allFiles.some(
    (m) => m.source === "certificate" && (held.get(m.certificateType ?? "")?.status === "valid" || fromPeer(m)?.reachable === true),
  );

  // 办理情形 first: the answers decide which materials the form asks, as the server decides them again.
  const [schema] = useState(() =>
    z
      .object({
        situations: boundedRecord(z.string().nullable().optional()),
        formData: boundedRecord(z.string().optional()),
        materials: boundedRecord(ZMaterialSupply),
        consent: usesGovernmentCertificates ? z.literal(true, { error: msg("validation.consent") }) : z.boolean(),
      })
      .superRefine((v, ctx) => {
        const answers = answersOf(v.situations);
        for (const p of situationAnswerProblems(plan.situations, answers)) {
          ctx.addIssue({
            code: "custom",
            path: ["situations", p.key],
            message: msg(p.problem === "missing" ? "validation.required" : "applications.validation.situationUnknown"),
          });
        }
        const asked = firstStage.filter((m) => materialMayApply(m, answers));
        const parsed = formDataSchema(asked).safeParse(v.formData);
        if (!parsed.success)
          for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["formData", ...issue.path.map(String)], message: issue.message });
      }),
  );
  const initialMaterials: Record<string, Supply> = {};
  for (const [key, uploadId] of Object.entries(draft?.uploads ?? {})) initialMaterials[key] = { kind: "upload", uploadId };
  for (const m of allFiles) {
    if (m.source === "certificate" && (held.get(m.certificateType ?? "")?.status === "valid" || fromPeer(m)?.reachable) && !initialMaterials[m.key]) {
      initialMaterials[m.key] = { kind: "certificate" };
    }
  }
  const form = useZodForm(schema, {
    defaultValues: {
      situations: Object.fromEntries(plan.situations.map((q) => [q.key, draft?.situations[q.key] ?? null])),
      formData: Object.fromEntries(
        firstStage.filter((m) => m.source === "formField").map((m) => [m.key, fromRegistry.get(m.key)?.value ?? draft?.formData[m.key] ?? ""]),
      ),
      materials: initialMaterials,
      consent: false,
    },
  });
  const answers = answersOf(form.watch("situations"));
  const asked = firstStage.filter((m) => materialMayApply(m, answers));
  const askedKeys = new Set(asked.map((m) => m.key));
  const fields = asked.filter((m) => m.source === "formField");
  const files = asked.filter((m) => m.source !== "formField");
  const laterStages = plan.materials.filter((m) => m.stage > 1 && materialMayApply(m, answers)).length;
  const pending = form.formState.isSubmitting || submit.isSuccess;
  const name = (m: PlanMaterial) => (en ? m.nameEn : m.nameZh);

  async function upload(m: PlanMaterial, file: File | undefined) {
    if (!file) return;
    setUploadState((s) => ({ ...s, [m.key]: { name: file.name, size: file.size, busy: true } }));
    const body = new FormData();
    body.set("file", file);
    const res = await fetch("/api/uploads", { method: "POST", body });
    const json = (await res.json().catch(() => ({}))) as { id?: string; error?: string };
    if (!res.ok || !json.id) {
      setUploadState((s) => ({ ...s, [m.key]: { name: file.name, size: file.size, error: json.error ?? t("uploadFailed") } }));
      return;
    }
    form.setValue(`materials.${m.key}`, { kind: "upload", uploadId: json.id }, { shouldDirty: true });
    form.clearErrors(`materials.${m.key}`);
    setUploadState((s) => ({ ...s, [m.key]: { name: file.name, size: file.size } }));
  }

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await submit.mutateAsync({
        subject: { kind: plan.kind, code: plan.code },
        idempotencyKey,
        situations: answersOf(values.situations),
        // Only what the situation asks; the server derives the list again and never trusts this one.
        formData: Object.fromEntries(Object.entries(values.formData).filter((e): e is [string, string] => typeof e[1] === "string" && askedKeys.has(e[0]))),
        materials: Object.fromEntries(Object.entries(values.materials).filter(([k]) => askedKeys.has(k))),
        consent: values.consent === true,
      });
      router.push(`/applications/${result.id}?submitted=1`);
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  async function saveDraft() {
    const values = form.getValues();
    try {
      await save.mutateAsync({
        subject: { kind: plan.kind, code: plan.code },
        idempotencyKey,
        situations: answersOf(values.situations ?? {}),
        formData: Object.fromEntries(Object.entries(values.formData ?? {}).map(([k, v]) => [k, String(v ?? "")])),
        materials: values.materials ?? {},
      });
      setSavedAt(new Date());
    } catch (error) {
      applyServerErrors(form, error);
    }
  }

  const materialError = (key: string) => {
    const e = (form.formState.errors.materials as Record<string, { message?: string }> | undefined)?.[key];
    return e?.message;
  };

  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      <FormError message={form.formState.errors.root?.server?.message} />
      {!prefill.registryAvailable ? (
        <p role="status" className="rounded border border-amber-500 bg-amber-50 px-3 py-2 text-amber-900">
          {t("registryUnavailable")}
        </p>
      ) : null}

      {plan.situations.length > 0 ? (
        <fieldset disabled={pending} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6" data-testid="apply-situations">
          <legend className="px-1 text-lg font-semibold">{t("situationsLegend")}</legend>
          <p className="text-sm text-slate-600">{t("situationsHint")}</p>
          {plan.situations.map((q) => {
            const error = (form.formState.errors.situations as Record<string, { message?: string }> | undefined)?.[q.key]?.message;
            return (
              <fieldset
                key={q.key}
                className="flex flex-col gap-2"
                aria-describedby={error ? `situation-${q.key}-error` : undefined}
                data-testid={`situation-${q.key}`}
              >
                <legend className="font-medium">
                  {en ? q.nameEn : q.nameZh}
                  <span className="text-seal-600"> *</span>
                </legend>
                <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-6">
                  {q.options.map((o) => {
                    const id = `situation-${q.key}-${o.value}`;
                    return (
                      <div key={o.value} className="flex items-center gap-2">
                        <input id={id} type="radio" value={o.value} className="h-5 w-5" {...form.register(`situations.${q.key}`)} />
                        <label htmlFor={id}>{en ? o.labelEn : o.labelZh}</label>
                      </div>
                    );
                  })}
                </div>
                {error ? (
                  <p id={`situation-${q.key}-error`} className="text-sm text-seal-600" data-testid={`error-situations.${q.key}`}>
                    {message(error)}
                  </p>
                ) : null}
              </fieldset>
            );
          })}
        </fieldset>
      ) : null}

      <fieldset disabled={pending} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6" data-testid="apply-data">
        <legend className="px-1 text-lg font-semibold">{t("dataLegend")}</legend>
        <p className="text-sm text-slate-600">{t("dataHint", { applicant: prefill.applicant.name })}</p>
        {fields.map((m) => {
          const id = `formData-${m.key}`;
          const filled = fromRegistry.get(m.key);
          if (filled) {
            const type = held.get(filled.typeCode);
            return (
              <div key={m.key} className="flex flex-col gap-1" data-testid={`registry-${m.key}`}>
                <label htmlFor={id} className="font-medium">
                  {name(m)}
                </label>
                <input
                  id={id}
                  type="text"
                  readOnly
                  aria-describedby={`${id}-source`}
                  className="rounded border border-green-700 bg-green-50 px-3 py-2 text-base text-green-950"
                  {...form.register(`formData.${m.key}`)}
                />
                <p id={`${id}-source`} className="text-sm text-slate-700">
                  {t("fromRegistry", {
                    type: (en ? type?.typeNameEn : type?.typeNameZh) ?? filled.typeCode,
                    number: filled.certificateNumber,
                    issuer: en ? filled.issuerNameEn : filled.issuerNameZh,
                  })}
                </p>
              </div>
            );
          }
          const error = (form.formState.errors.formData as Record<string, { message?: string }> | undefined)?.[m.key]?.message;
          const describedBy = [m.required ? null : `${id}-cond`, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
          const common = {
            id,
            "aria-invalid": error ? true : undefined,
            "aria-describedby": describedBy,
            className: inputClass,
            ...form.register(`formData.${m.key}`),
          };
          return (
            <div key={m.key} className="flex flex-col gap-1">
              <label htmlFor={id} className="font-medium">
                {name(m)}
                {m.required ? <span className="text-seal-600"> *</span> : <span className="text-sm font-normal text-slate-600"> {t("optional")}</span>}
              </label>
              {!m.required && (en ? m.conditionEn : m.conditionZh) ? (
                <p id={`${id}-cond`} className="text-sm text-slate-600">
                  {en ? m.conditionEn : m.conditionZh}
                </p>
              ) : null}
              {m.fieldType === "textarea" ? (
                <textarea rows={3} {...common} />
              ) : m.fieldType === "select" ? (
                <select {...common}>
                  <option value="">{t("choose")}</option>
                  {(m.options ?? []).map((o) => (
                    <option key={o.value} value={o.value}>
                      {formatAnswer(m, o.value, locale)}
                    </option>
                  ))}
                </select>
              ) : (
                <input type={m.fieldType === "date" ? "date" : "text"} inputMode={m.fieldType === "number" ? "decimal" : undefined} {...common} />
              )}
              {error ? (
                <p id={`${id}-error`} className="text-sm text-seal-600" data-testid={`error-formData.${m.key}`}>
                  {message(error)}
                </p>
              ) : null}
            </div>
          );
        })}
      </fieldset>

      <fieldset disabled={pending} className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6" data-testid="apply-materials">
        <legend className="px-1 text-lg font-semibold">{t("materialsLegend")}</legend>
        {files.length === 0 ? <p className="text-slate-700">{t("noMaterials")}</p> : null}
        {laterStages > 0 ? (
          <p className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="later-stages">
            {t("laterStages", { count: laterStages })}
          </p>
        ) : null}
        {files.map((m) => {
          const cert = m.source === "certificate" ? held.get(m.certificateType ?? "") : undefined;
          const supplied = form.watch(`materials.${m.key}`);
          const fromGovernment = cert?.status === "valid" && supplied?.kind === "certificate";
          const peer = fromPeer(m);
          const peerName = peer ? tf(`region.${peer.region}`) : "";
          const fromExchange = !fromGovernment && peer !== null && supplied?.kind === "certificate";
          const up = uploadState[m.key];
          const error = materialError(m.key);
          const inputId = `upload-${m.key}`;
          return (
            <div key={m.key} className="rounded border border-slate-200 p-3" data-testid={`material-${m.key}`}>
              <p className="font-medium">
                {name(m)}
                {m.required ? <span className="text-seal-600"> *</span> : <span className="text-sm font-normal text-slate-600"> {t("optional")}</span>}
              </p>
              <p className="text-sm text-slate-600">{t("legalBasis", { basis: m.legalBasis })}</p>
              {fromGovernment && cert ? (
                <div className="mt-2 rounded border border-green-700 bg-green-50 p-2 text-green-900" data-testid={`supplied-${m.key}`}>
                  <p className="font-medium">{t("suppliedByGovernment")}</p>
                  <p className="text-sm">
                    {t("certificateLine", {
                      number: cert.number ?? "",
                      issuer: (en ? cert.issuerNameEn : cert.issuerNameZh) ?? "",
                      validUntil: cert.validUntil ?? t("noExpiry"),
                    })}
                  </p>
                </div>
              ) : (
                <div className="mt-2 flex flex-col gap-1">
                  {fromExchange ? (
                    <p className="mb-1 rounded border border-brand-700 bg-brand-50 p-2 text-sm text-brand-800" data-testid={`exchange-${m.key}`}>
                      {tf("willObtain", { region: peerName })}
                    </p>
                  ) : peer && !peer.reachable ? (
                    <p className="text-sm text-amber-900" role="status" data-testid={`peer-down-${m.key}`}>
                      {tf("peerDown", { region: peerName })}
                    </p>
                  ) : m.source === "certificate" ? (
                    <p className="text-sm text-amber-900" role="status">
                      {t(`certificate.${cert?.status ?? "missing"}`)}
                    </p>
                  ) : null}
                  <label htmlFor={inputId} className="text-sm font-medium">
                    {fromExchange ? tf("uploadInstead") : t("uploadLabel", { name: name(m) })}
                  </label>
                  <input
                    id={inputId}
                    type="file"
                    accept="application/pdf,image/png,image/jpeg"
                    aria-invalid={error || up?.error ? true : undefined}
                    aria-describedby={`${inputId}-hint`}
                    onChange={(e) => void upload(m, e.target.files?.[0])}
                    className="text-sm"
                  />
                  <p id={`${inputId}-hint`} className="text-sm text-slate-600">
                    {t("uploadHint")}
                  </p>
                  {up?.busy ? <p className="text-sm">{t("uploading")}</p> : null}
                  {supplied?.kind === "upload" && !up?.busy ? (
                    <p className="text-sm text-green-900" data-testid={`uploaded-${m.key}`}>
                      {t("uploaded", { name: up?.name ?? t("savedFile") })}
                    </p>
                  ) : null}
                  {up?.error ? <p className="text-sm text-seal-600">{up.error}</p> : null}
                </div>
              )}
              {m.commitment && !fromGovernment ? (
                <div className="mt-3 flex flex-col gap-2 rounded border border-brand-700 bg-brand-50 p-3" data-testid={`commitment-${m.key}`}>
                  <p className="font-medium">{t("commitment.title")}</p>
                  <p className="whitespace-pre-line text-sm" id={`commitment-${m.key}-notice`}>
                    {en ? m.commitment.noticeEn : m.commitment.noticeZh}
                  </p>
                  <p className="text-sm text-slate-700">{t("commitment.rule", { days: m.commitment.workingDays, method: tm(m.commitment.method) })}</p>
                  {commitmentExcluded ? (
                    <p className="text-sm text-amber-900" role="status" data-testid={`commitment-excluded-${m.key}`}>
                      {t("commitment.excluded", { reason: message(commitmentExcluded) ?? "" })}
                    </p>
                  ) : (
                    <div className="flex items-start gap-2">
                      <input
                        id={`commit-${m.key}`}
                        type="checkbox"
                        className="mt-1 h-5 w-5"
                        aria-describedby={`commitment-${m.key}-notice`}
                        checked={supplied?.kind === "commitment"}
                        onChange={(e) => {
                          if (e.target.checked) form.setValue(`materials.${m.key}`, { kind: "commitment", accepted: true }, { shouldDirty: true });
                          else form.unregister(`materials.${m.key}`);
                          form.clearErrors(`materials.${m.key}`);
                        }}
                      />
                      <label htmlFor={`commit-${m.key}`}>{t("commitment.accept")}</label>
                    </div>
                  )}
                </div>
              ) : null}
              {error ? (
                <p className="mt-1 text-sm text-seal-600" data-testid={`error-materials.${m.key}`}>
                  {message(error)}
                </p>
              ) : null}
            </div>
          );
        })}
      </fieldset>

      {usesGovernmentCertificates ? (
        <div className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex items-start gap-2">
            <input id="consent" type="checkbox" className="mt-1 h-5 w-5" aria-describedby="consent-error" {...form.register("consent")} />
            <label htmlFor="consent">{t("consent")}</label>
          </div>
          {/* Consent is per certificate and purpose: each certificate to be read, for this application. */}
          <ul className="ml-7 list-disc pl-4 text-sm text-slate-700" data-testid="consent-certificates">
            {[
              ...new Set(
                allFiles.flatMap((m) => (m.source === "certificate" && held.get(m.certificateType ?? "")?.status === "valid" ? [m.certificateType ?? ""] : [])),
              ),
            ].map((code) => (
              <li key={code}>{t("consentItem", { certificate: (en ? held.get(code)?.typeNameEn : held.get(code)?.typeNameZh) ?? "" })}</li>
            ))}
          </ul>
          <p className="ml-7 text-sm text-slate-600">{t("consentWithdrawable")}</p>
          {form.formState.errors.consent?.message ? (
            <p id="consent-error" className="text-sm text-seal-600" data-testid="error-consent">
              {message(form.formState.errors.consent.message)}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
          {pending ? t("submitting") : t("submit")}
        </button>
        <button
          type="button"
          onClick={() => void saveDraft()}
          disabled={pending || save.isPending}
          className="rounded border border-brand-700 px-4 py-2 text-brand-700 hover:bg-brand-50"
        >
          {t("saveDraft")}
        </button>
        {savedAt ? (
          <span role="status" className="text-sm text-slate-700">
            {t("draftSaved")}
          </span>
        ) : null}
      </div>
    </ClientForm>
  );
}

/** The answers picked so far: unanswered questions left out. */
function answersOf(situations: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(situations).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}

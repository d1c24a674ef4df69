"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller } from "react-hook-form";
import { FormError, SelectField, SubmitButton, useMessage } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { StaffTextArea } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import { ZRequestGrantInput } from "../../inputs";
import type { shareTypes } from "../../model";
import { ClientForm } from "@/components/form/client-form";

export interface GrantableResource {
  code: string;
  name: string;
  shareType: (typeof shareTypes)[number];
  providerName: string;
}

export interface ConsumerChoice {
  code: string;
  name: string;
}

export interface ServiceChoice {
  code: string;
  name: string;
  departmentCode: string;
}

const idPrefix = "request-grant";

/**
 * The data office asks, for a consumer department, to read a resource for some of that
 * department's services. Unconditionally shared resources are granted at once; conditionally
 * shared ones go to the provider, which the form says before it is sent.
 */
export function RequestGrantForm({
  resources,
  departments,
  services,
}: {
  resources: GrantableResource[];
  departments: ConsumerChoice[];
  services: ServiceChoice[];
}) {
  const t = useTranslations("sharing.office");
  const message = useMessage();
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const mutation = useMutation(trpc.sharing.requestGrant.mutationOptions());
  const form = useZodForm(ZRequestGrantInput, { defaultValues: { resourceCode: "", consumerDepartmentCode: "", serviceCodes: [], purpose: "" } });
  const pending = form.formState.isSubmitting;
  const [resourceCode, departmentCode] = form.watch(["resourceCode", "consumerDepartmentCode"]);
  const resource = resources.find((r) => r.code === resourceCode);
  const department = departments.find((d) => d.code === departmentCode);
  const offered = services.filter((s) => s.departmentCode === departmentCode);
  const servicesError = form.getFieldState("serviceCodes", form.formState).error?.message;
  const servicesErrorId = servicesError ? `${idPrefix}-serviceCodes-error` : undefined;

  const onSubmit = form.handleSubmit(async (values) => {
    setDone(null);
    try {
      const result = await mutation.mutateAsync(values);
      const names = { resource: resource?.name ?? values.resourceCode, consumer: department?.name ?? values.consumerDepartmentCode };
      setDone(result.status === "approved" ? t("request.doneApproved", names) : t("request.doneRequested", names));
      form.reset();
      router.refresh();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-labelledby={`${idPrefix}-title`} className="flex flex-col gap-4" data-testid="request-grant-form">
      <div>
        <h2 id={`${idPrefix}-title`} className="text-xl font-semibold">
          {t("request.title")}
        </h2>
        <p className="text-slate-700">{t("request.lead")}</p>
      </div>
      <div role="status" data-testid="request-grant-done" className="empty:hidden">
        {done ? <p className="rounded border border-green-700 bg-green-50 px-3 py-2 font-medium text-green-900">{done}</p> : null}
      </div>
      <fieldset disabled={pending} aria-busy={pending} className="flex flex-col gap-4">
        <legend className="sr-only">{t("request.title")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <div className="grid gap-4 md:grid-cols-2">
          <SelectField
            form={form}
            name="resourceCode"
            idPrefix={idPrefix}
            label={t("request.resource")}
            hint={t("request.resourceHint")}
            placeholder={t("common.choose")}
            options={resources.map((r) => ({
              value: r.code,
              label: `${t("request.resourceOption", { name: r.name, provider: r.providerName })}${r.shareType === "notShared" ? t("request.notSharedSuffix") : ""}`,
              disabled: r.shareType === "notShared",
            }))}
          />
          <SelectField
            form={form}
            name="consumerDepartmentCode"
            idPrefix={idPrefix}
            label={t("request.consumer")}
            placeholder={t("common.choose")}
            options={departments.map((d) => ({ value: d.code, label: d.name }))}
            // A new consumer department offers other services: the ones ticked before no longer apply.
            onChange={() => form.setValue("serviceCodes", [])}
          />
        </div>
        {resource && resource.shareType !== "notShared" ? (
          <p
            data-testid="share-type-note"
            className={`rounded border px-3 py-2 ${resource.shareType === "conditional" ? "border-amber-500 bg-amber-50 text-amber-950" : "border-slate-300 bg-slate-50 text-slate-800"}`}
          >
            {resource.shareType === "conditional" ? t("request.conditionalNote", { provider: resource.providerName }) : t("request.unconditionalNote")}
          </p>
        ) : null}
        <fieldset className="flex flex-col gap-2" aria-describedby={[`${idPrefix}-services-hint`, servicesErrorId].filter(Boolean).join(" ")}>
          <legend className="font-medium text-slate-800">{t("request.services")}</legend>
          <p id={`${idPrefix}-services-hint`} className="text-sm text-slate-600">
            {t("request.servicesHint")}
          </p>
          {!departmentCode ? (
            <p className="text-slate-700">{t("request.chooseDepartmentFirst")}</p>
          ) : offered.length === 0 ? (
            <p className="text-slate-700">{t("request.noServices")}</p>
          ) : (
            <Controller
              control={form.control}
              name="serviceCodes"
              render={({ field }) => {
                const selected = field.value ?? [];
                return (
                  <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                    {offered.map((s) => {
                      const id = `${idPrefix}-service-${s.code}`;
                      return (
                        <div key={s.code} className="flex items-start gap-2">
                          <input
                            id={id}
                            type="checkbox"
                            className="mt-1 size-4 shrink-0"
                            checked={selected.includes(s.code)}
                            onBlur={field.onBlur}
                            onChange={(e) => field.onChange(e.target.checked ? [...selected, s.code] : selected.filter((c) => c !== s.code))}
                          />
                          <label htmlFor={id}>
                            {s.name} <span className="font-mono text-sm text-slate-600">{s.code}</span>
                          </label>
                        </div>
                      );
                    })}
                  </div>
                );
              }}
            />
          )}
          {servicesError ? (
            <p id={servicesErrorId} className="text-sm text-seal-600" data-testid="error-serviceCodes">
              {message(servicesError)}
            </p>
          ) : null}
        </fieldset>
        <StaffTextArea form={form} name="purpose" idPrefix={idPrefix} label={t("request.purpose")} hint={t("request.purposeHint")} required />
        <div>
          <SubmitButton pending={pending}>{pending ? t("request.submitting") : t("request.submit")}</SubmitButton>
        </div>
      </fieldset>
    </ClientForm>
  );
}

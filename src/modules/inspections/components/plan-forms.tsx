"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/form/fields";
import { StaffActionForm, StaffOutcome, StaffTextArea, useStaffAction, useStaffOutcome } from "@/components/form/staff-form-parts";
import { useZodForm } from "@/components/form/use-zod-form";
import { riskClasses } from "@/modules/risk/model";
import { useTRPC } from "@/trpc/react";
import { ZCreatePlanInput, ZDrawPlanInput, ZRecordResultInput, weightFields } from "../inputs";
import { defaultWeights, inspectionOutcomes, planScopes } from "../model";

type Named = { id: string; nameZh: string; nameEn: string };

/** The data office creates an inspection plan; it is published with its seed at once. */
export function CreatePlanForm({ departments, services }: { departments: Named[]; services: Named[] }) {
  const t = useTranslations("inspections");
  const en = useLocale() === "en";
  const trpc = useTRPC();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.inspections.create.mutationOptions());
  const form = useZodForm(ZCreatePlanInput, {
    defaultValues: {
      title: "",
      departmentId: "",
      scope: "" as never,
      serviceId: "",
      divisionCode: "",
      sampleSize: "",
      inspectorsPerEntity: "2",
      weightA: String(defaultWeights.A),
      weightB: String(defaultWeights.B),
      weightC: String(defaultWeights.C),
      weightD: String(defaultWeights.D),
      periodFrom: "",
      periodUntil: "",
    },
  });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, {
    done: () => {
      form.reset();
      mutation.reset();
      onDone("done");
    },
    stale: onStale,
  });
  const prefix = "plan";
  const name = (x: Named) => (en ? x.nameEn : x.nameZh);
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("office.created") : null} stale={stale ? t("office.stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("office.createLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("office.createSubmit")}
      >
        <TextField form={form} name="title" idPrefix={prefix} label={t("office.titleField")} />
        <SelectField
          form={form}
          name="departmentId"
          idPrefix={prefix}
          label={t("fields.department")}
          placeholder={t("office.departmentPlaceholder")}
          options={departments.map((d) => ({ value: d.id, label: name(d) }))}
        />
        <SelectField
          form={form}
          name="scope"
          idPrefix={prefix}
          label={t("fields.scope")}
          placeholder={t("office.scopePlaceholder")}
          options={planScopes.map((s) => ({ value: s, label: t(`scope.${s}`) }))}
        />
        <SelectField
          form={form}
          name="serviceId"
          idPrefix={prefix}
          label={t("fields.service")}
          placeholder={t("office.servicePlaceholder")}
          options={services.map((s) => ({ value: s.id, label: name(s) }))}
        />
        <TextField form={form} name="divisionCode" idPrefix={prefix} label={t("office.divisionField")} inputMode="numeric" autoComplete="off" />
        <TextField form={form} name="sampleSize" idPrefix={prefix} inputMode="numeric" label={t("fields.sampleSize")} />
        <TextField form={form} name="inspectorsPerEntity" idPrefix={prefix} inputMode="numeric" label={t("fields.inspectorsPerEntity")} />
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {riskClasses.map((c) => (
            <TextField
              key={c}
              form={form}
              name={weightFields[c]}
              idPrefix={prefix}

              inputMode="numeric"
              label={t("office.weightField", { riskClass: c })}
            />
          ))}
        </div>
        <TextField form={form} name="periodFrom" idPrefix={prefix} type="date" label={t("office.periodFrom")} />
        <TextField form={form} name="periodUntil" idPrefix={prefix} type="date" label={t("office.periodUntil")} />
      </StaffActionForm>
    </div>
  );
}

/** The data office draws a published plan. */
export function DrawPlanForm({ planId, version }: { planId: string; version: number }) {
  const t = useTranslations("inspections.office");
  const trpc = useTRPC();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.inspections.draw.mutationOptions());
  const form = useZodForm(ZDrawPlanInput, { defaultValues: { planId, version } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("done"), stale: onStale });
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("drawn") : null} stale={stale ? t("stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("drawLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("drawSubmit")}
      />
    </div>
  );
}

/** A drawn inspector records the result of one entity. */
export function RecordResultForm({ planId, entityCode }: { planId: string; entityCode: string }) {
  const t = useTranslations("inspections");
  const trpc = useTRPC();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.inspections.recordResult.mutationOptions());
  const form = useZodForm(ZRecordResultInput, { defaultValues: { planId, entityCode, outcome: "" as never, findings: "", inspectedOn: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("done"), stale: onStale });
  const prefix = `result-${planId}-${entityCode}`;
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("mine.recorded") : null} stale={stale ? t("mine.stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("mine.recordLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("mine.recordSubmit")}
      >
        <SelectField
          form={form}
          name="outcome"
          idPrefix={prefix}
          label={t("fields.result")}
          placeholder={t("mine.outcomePlaceholder")}
          options={inspectionOutcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
        />
        <StaffTextArea form={form} name="findings" idPrefix={prefix} label={t("mine.findings")} rows={3} />
        <TextField form={form} name="inspectedOn" idPrefix={prefix} type="date" label={t("mine.inspectedOn")} />
      </StaffActionForm>
    </div>
  );
}

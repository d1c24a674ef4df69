"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/form/fields";
import { StaffActionForm, StaffOutcome, useStaffAction, useStaffOutcome } from "@/components/form/staff-form-parts";
import { useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZAddRecognitionInput, ZEndRecognitionInput } from "../inputs";

type Named = { code: string; nameZh: string; nameEn: string };

/**
 * The data office adds an entry: the service first, then the certificate types it asks for are the
 * local types offered (a foreign certificate stands for one of them).
 */
export function AddRecognitionForm({ regions, services }: { regions: Named[]; services: Array<Named & { types: Named[] }> }) {
  const t = useTranslations("recognition");
  const en = useLocale() === "en";
  const trpc = useTRPC();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.recognition.add.mutationOptions());
  const form = useZodForm(ZAddRecognitionInput, {
    defaultValues: {
      serviceCode: "",
      foreignRegion: "" as never,
      foreignTypeCode: "",
      foreignTypeNameZh: "",
      foreignTypeNameEn: "",
      localTypeCode: "",
      legalBasis: "",
      validFrom: "",
      validUntil: "",
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
  const name = (x: Named) => (en ? x.nameEn : x.nameZh);
  const serviceCode = form.watch("serviceCode");
  const types = services.find((s) => s.code === serviceCode)?.types ?? [];
  const prefix = "recognition";
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("office.added") : null} stale={stale ? t("office.stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("office.addLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("office.addSubmit")}
      >
        <SelectField
          form={form}
          name="serviceCode"
          idPrefix={prefix}
          label={t("fields.service")}
          placeholder={t("office.servicePlaceholder")}
          options={services.map((s) => ({ value: s.code, label: name(s) }))}
          onChange={() => form.setValue("localTypeCode", "")}
        />
        <SelectField
          form={form}
          name="foreignRegion"
          idPrefix={prefix}
          label={t("fields.region")}
          placeholder={t("office.regionPlaceholder")}
          options={regions.map((r) => ({ value: r.code, label: name(r) }))}
        />
        <TextField form={form} name="foreignTypeCode" idPrefix={prefix} label={t("fields.foreignTypeCode")} autoComplete="off" />
        <TextField form={form} name="foreignTypeNameZh" idPrefix={prefix} label={t("fields.foreignTypeNameZh")} autoComplete="off" />
        <TextField form={form} name="foreignTypeNameEn" idPrefix={prefix} label={t("fields.foreignTypeNameEn")} autoComplete="off" />
        <SelectField
          form={form}
          name="localTypeCode"
          idPrefix={prefix}
          label={t("fields.localType")}
          placeholder={t("office.localTypePlaceholder")}
          options={types.map((x) => ({ value: x.code, label: name(x) }))}
        />
        <TextField form={form} name="legalBasis" idPrefix={prefix} label={t("fields.legalBasis")} autoComplete="off" />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <TextField form={form} name="validFrom" idPrefix={prefix} type="date" label={t("fields.validFrom")} />
          <TextField form={form} name="validUntil" idPrefix={prefix} type="date" label={t("fields.validUntil")} />
        </div>
      </StaffActionForm>
    </div>
  );
}

/** The data office ends an entry. */
export function EndRecognitionForm({ id, version }: { id: string; version: number }) {
  const t = useTranslations("recognition.office");
  const trpc = useTRPC();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.recognition.end.mutationOptions());
  const form = useZodForm(ZEndRecognitionInput, { defaultValues: { id, version } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("done"), stale: onStale });
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("ended") : null} stale={stale ? t("stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("endLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("endSubmit")}
        tone="danger"
      />
    </div>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { CheckboxField, FormError, SelectField, SubmitButton, TextField } from "@/components/form/fields";
import { ClientForm } from "@/components/form/client-form";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZForwardApplicationInput } from "../inputs";
import type { ForwardingsView } from "../list-forwardings";

type Opening = ForwardingsView["openings"][number];

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * 异地代收代办: the window clerk, having checked the applicant's identity document and the
 * original materials at the counter, forwards the application to the competent region's node.
 */
export function ForwardForm({ openings }: { openings: Opening[] }) {
  const t = useTranslations("applications.forwarding");
  const zh = useLocale() === "zh-CN";
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(trpc.applications.forward.mutationOptions());
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const first = openings[0];
  const form = useZodForm(ZForwardApplicationInput, {
    defaultValues: {
      toRegion: first?.competentRegion ?? "",
      serviceCode: first?.serviceCode ?? "",
      applicantKind: "enterprise",
      holderCode: "",
      applicantName: "",
      situations: Object.fromEntries((first?.situations ?? []).map((s) => [s.key, s.options[0]?.value ?? ""])),
      formData: {},
      files: [],
    },
  });
  const serviceCode = form.watch("serviceCode");
  const opening = openings.find((o) => o.serviceCode === serviceCode) ?? first;
  const pending = form.formState.isSubmitting;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const picked = await Promise.all(
        Object.entries(files).flatMap(([materialKey, file]) =>
          file ? [base64Of(file).then((contentBase64) => ({ materialKey, fileName: file.name, contentBase64 }))] : [],
        ),
      );
      await mutation.mutateAsync({ ...values, toRegion: opening?.competentRegion ?? values.toRegion, files: picked });
      await queryClient.invalidateQueries();
      window.location.reload();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  if (!opening) return <p className="text-sm text-slate-600">{t("noOpenings")}</p>;
  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="sr-only">{t("formTitle")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <SelectField
          form={form}
          name="serviceCode"
          label={t("service")}
          options={openings.map((o) => ({ value: o.serviceCode, label: zh ? o.nameZh : o.nameEn }))}
        />
        <SelectField
          form={form}
          name="applicantKind"
          label={t("applicantKind")}
          options={(["enterprise", "citizen"] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField form={form} name="holderCode" label={t("holderCode")} autoComplete="off" />
          <TextField form={form} name="applicantName" label={t("applicantName")} autoComplete="off" />
        </div>
        {opening.situations.map((s) => (
          <SelectField
            key={s.key}
            form={form}
            name={`situations.${s.key}`}
            label={zh ? s.nameZh : s.nameEn}
            options={s.options.map((o) => ({ value: o.value, label: zh ? o.labelZh : o.labelEn }))}
          />
        ))}
        {opening.fields.map((f) => (
          <TextField key={f.key} form={form} name={`formData.${f.key}`} label={zh ? f.nameZh : f.nameEn} autoComplete="off" />
        ))}
        {opening.materials.map((m) => (
          <label key={m.key} className="flex flex-col gap-1 text-sm">
            <span className="font-medium">{zh ? m.nameZh : m.nameEn}</span>
            <input
              type="file"
              accept="application/pdf,image/png,image/jpeg"
              aria-label={zh ? m.nameZh : m.nameEn}
              onChange={(e) => setFiles((prev) => ({ ...prev, [m.key]: e.target.files?.[0] }))}
            />
          </label>
        ))}
        <CheckboxField form={form} name="identityChecked" label={t("identityChecked")} />
        <SubmitButton pending={pending}>{pending ? t("forwarding") : t("forward")}</SubmitButton>
      </fieldset>
    </ClientForm>
  );
}

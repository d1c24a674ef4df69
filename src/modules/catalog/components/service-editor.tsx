"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import type { Path } from "react-hook-form";
import { FormError, SubmitButton, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZUpdateServiceInput, type UpdateServiceInput } from "../inputs";
import { fenToYuan } from "../model";
import type { CatalogAdmin } from "../views";

type Flag = "autoAcceptance" | "deemedApprovalOnTimeout" | "published";

/**
 * One service's time limits, fee and switches, kept by the data office. The promised limit above
 * the statutory one is refused on its field, by the form and again by the server.
 */
export function ServiceEditor({ service }: { service: CatalogAdmin["services"][number] }) {
  const t = useTranslations("catalog.admin");
  const en = useLocale() === "en";
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const mutation = useMutation(trpc.catalog.updateService.mutationOptions());
  const form = useZodForm(ZUpdateServiceInput, {
    defaultValues: {
      code: service.code,
      statutoryDays: String(service.statutoryDays),
      promisedDays: String(service.promisedDays),
      feeYuan: String(fenToYuan(service.feeFen)),
      autoAcceptance: service.autoAcceptance,
      deemedApprovalOnTimeout: service.deemedApprovalOnTimeout,
      published: service.published,
    },
  });
  const pending = form.formState.isSubmitting;
  const name = en ? service.nameEn : service.nameZh;

  const onSubmit = form.handleSubmit(async () => {
    setSaved(false);
    try {
      // The raw values: the server parses them with the same schema.
      await mutation.mutateAsync(form.getValues());
      setSaved(true);
      router.refresh();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  const flag = (key: Flag) => {
    const id = `service-${service.code}-${key}`;
    return (
      <div className="flex items-start gap-2">
        <input id={id} type="checkbox" className="mt-1 h-5 w-5 shrink-0" {...form.register(key as Path<UpdateServiceInput>)} />
        <label htmlFor={id}>{t(key)}</label>
      </div>
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={t("editService", { name })} data-testid="service-editor">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="sr-only">{t("editService", { name })}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField form={form} name="statutoryDays" label={t("statutoryDays")} inputMode="numeric" autoComplete="off" />
          <TextField form={form} name="promisedDays" label={t("promisedDays")} inputMode="numeric" autoComplete="off" />
          <TextField form={form} name="feeYuan" label={t("feeYuan")} inputMode="text" autoComplete="off" />
        </div>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-medium text-slate-800">{t("flags")}</legend>
          {flag("autoAcceptance")}
          {flag("deemedApprovalOnTimeout")}
          {flag("published")}
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending}>{pending ? t("saving") : t("save")}</SubmitButton>
          <span role="status" className="text-green-800">
            {saved && !form.formState.isDirty ? t("saved") : null}
          </span>
        </div>
      </fieldset>
    </form>
  );
}

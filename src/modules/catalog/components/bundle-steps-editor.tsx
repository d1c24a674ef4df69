"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { FormError, SubmitButton } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZSetBundleStepsInput } from "../inputs";
import type { CatalogAdmin } from "../views";
import { ClientForm } from "@/components/form/client-form";

type Bundle = CatalogAdmin["bundles"][number];

/**
 * Which steps of a bundle need which: a row of checkboxes per step. Whether the result is a
 * DAG is the server's answer; a cycle comes back named (a → b → a) and is shown on the form.
 */
export function BundleStepsEditor({ bundle }: { bundle: Bundle }) {
  const t = useTranslations("catalog.admin");
  const en = useLocale() === "en";
  const trpc = useTRPC();
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const mutation = useMutation(trpc.catalog.setBundleSteps.mutationOptions());
  const form = useZodForm(ZSetBundleStepsInput, {
    defaultValues: { bundleCode: bundle.code, steps: bundle.steps.map((s) => ({ key: s.key, serviceCode: s.serviceCode, needs: s.needs })) },
  });
  const steps = useWatch({ control: form.control, name: "steps" });
  const pending = form.formState.isSubmitting;
  const label = (key: string) => {
    const s = bundle.steps.find((x) => x.key === key);
    return s ? t("stepLabel", { name: en ? s.serviceNameEn : s.serviceNameZh, key }) : key;
  };

  function toggle(index: number, need: string, on: boolean) {
    const current = form.getValues(`steps.${index}.needs`);
    const next = on ? [...current.filter((n) => n !== need), need] : current.filter((n) => n !== need);
    form.setValue(`steps.${index}.needs`, next, { shouldDirty: true });
    form.clearErrors("root.server");
    setSaved(false);
  }

  const onSubmit = form.handleSubmit(async () => {
    setSaved(false);
    try {
      await mutation.mutateAsync(form.getValues());
      setSaved(true);
      form.reset(form.getValues());
      router.refresh();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });

  const name = en ? bundle.nameEn : bundle.nameZh;
  return (
    <ClientForm
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-3"
      aria-label={t("editSteps", { name })}
      data-testid={`steps-editor-${bundle.code}`}
    >
      <fieldset disabled={pending} className="flex flex-col gap-3">
        <legend className="sr-only">{t("editSteps", { name })}</legend>
        <FormError message={form.formState.errors.root?.server?.message ?? form.formState.errors.steps?.message} />
        {steps.map((step, index) => (
          <fieldset key={step.key} className="rounded border border-slate-200 p-3">
            <legend className="px-1 font-medium">{t("needsOf", { step: label(step.key) })}</legend>
            <div className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-x-5">
              {steps
                .filter((other) => other.key !== step.key)
                .map((other) => {
                  const id = `steps-${bundle.code}-${step.key}-needs-${other.key}`;
                  return (
                    <div key={other.key} className="flex items-start gap-2">
                      <input
                        id={id}
                        type="checkbox"
                        className="mt-1 h-5 w-5 shrink-0"
                        checked={step.needs.includes(other.key)}
                        onChange={(e) => toggle(index, other.key, e.target.checked)}
                      />
                      <label htmlFor={id} className="text-sm">
                        {label(other.key)}
                      </label>
                    </div>
                  );
                })}
            </div>
          </fieldset>
        ))}
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending}>{pending ? t("saving") : t("saveSteps")}</SubmitButton>
          <span role="status" className="text-green-800">
            {saved ? t("stepsSaved") : null}
          </span>
        </div>
      </fieldset>
    </ClientForm>
  );
}

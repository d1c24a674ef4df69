"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { CheckboxField, FormError, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { StaffOutcome, StaffTextArea, staffButton } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import { parseDayList, ZPublishCalendarYearInput } from "../inputs";
import { calendarFromRows, workingDaysInYear } from "../model";
import { ClientForm } from "@/components/form/client-form";

/** The year's figures as typed, or null while a date is wrong or the year would not build. */
function preview(year: number, holidaysText: string, makeupText: string) {
  const holidays = parseDayList(holidaysText);
  const makeup = parseDayList(makeupText);
  if (!holidays.ok || !makeup.ok || holidays.days.length === 0) return null;
  try {
    const cal = calendarFromRows(
      [...holidays.days.map((day) => ({ day, kind: "holiday" as const })), ...makeup.days.map((day) => ({ day, kind: "makeupWorkday" as const }))],
      [{ year: String(year) }],
    );
    return { holidays: holidays.days.length, makeup: makeup.days.length, working: workingDaysInYear(cal, year) };
  } catch {
    return null;
  }
}

/**
 * Enters next year's holiday arrangements from the State Council's notice, with a live count of
 * the year's working days to check against it. The server checks everything again.
 */
export function PublishYearForm({ year: pageYear }: { year: number }) {
  // The year this form was opened for: after entering it the page moves on to the next one.
  const [year] = useState(pageYear);
  const t = useTranslations("calendar.form");
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const mutation = useMutation(trpc.calendar.publish.mutationOptions());
  const form = useZodForm(ZPublishCalendarYearInput, {
    defaultValues: { year, source: "", holidays: "", makeupWorkdays: "", confirmed: false as unknown as true },
  });
  const [holidaysText, makeupText] = useWatch({ control: form.control, name: ["holidays", "makeupWorkdays"] });
  const figures = preview(year, holidaysText ?? "", makeupText ?? "");
  const pending = form.formState.isSubmitting;
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setDone(null);
    try {
      const result = await mutation.mutateAsync({ ...values, holidays: holidaysText ?? "", makeupWorkdays: makeupText ?? "" });
      setDone(t("done", { year: result.year, holidays: result.holidays, makeup: result.makeupWorkdays }));
      router.refresh();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  return (
    <ClientForm
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="publish-year-legend"
      className="flex flex-col gap-4"
      data-testid="publish-year-form"
      data-year={year}
    >
      <StaffOutcome done={done} stale={null} />
      <fieldset disabled={pending || done !== null} aria-busy={pending} className="flex flex-col gap-4">
        <legend id="publish-year-legend" className="mb-1 text-lg font-semibold text-slate-900">
          {t("legend", { year })}
        </legend>
        <p className="text-sm text-slate-700">{t("intro")}</p>
        {/* The year is fixed by the page; a server refusal about it (already published) shows here. */}
        <FormError message={errors.root?.server?.message ?? errors.year?.message} />
        <TextField form={form} name="source" idPrefix="calendar" label={t("source")} hint={t("sourceHint", { year })} autoComplete="off" />
        <StaffTextArea form={form} name="holidays" idPrefix="calendar" label={t("holidays")} hint={t("holidaysHint", { year })} rows={8} required />
        <StaffTextArea form={form} name="makeupWorkdays" idPrefix="calendar" label={t("makeupWorkdays")} hint={t("makeupWorkdaysHint")} rows={3} />
        <section aria-labelledby="calendar-preview-heading" className="rounded border border-slate-300 bg-slate-50 px-3 py-2">
          <h3 id="calendar-preview-heading" className="font-medium text-slate-900">
            {t("preview")}
          </h3>
          <p aria-live="polite" data-testid="calendar-preview" className="text-slate-800">
            {figures ? t("previewSummary", { holidays: figures.holidays, makeup: figures.makeup, working: figures.working }) : t("previewInvalid")}
          </p>
        </section>
        <CheckboxField form={form} name="confirmed" idPrefix="calendar" label={t("confirm")} />
        <div>
          <button type="submit" className={staffButton.primary}>
            {pending ? t("submitting") : t("submit")}
          </button>
        </div>
      </fieldset>
    </ClientForm>
  );
}

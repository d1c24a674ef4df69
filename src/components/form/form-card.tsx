"use client";

import { useState, type ReactNode } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { FormError, SubmitButton } from "@/components/form/fields";
import { applyServerErrors } from "@/components/form/use-zod-form";
import { ClientForm } from "@/components/form/client-form";

/**
 * The submit of a form that sends its raw values to one mutation (the server parses them with the
 * same zod schema): validates on the client, puts the server's field errors on their fields and
 * anything else on the form, and remembers that it went through until the next submit.
 */
export function useFormSubmit<V extends FieldValues, O extends FieldValues>(
  form: UseFormReturn<V, unknown, O>,
  run: (values: V) => Promise<unknown>,
  options: { reset?: boolean; onDone?: () => void } = {},
) {
  const [done, setDone] = useState(false);
  const onSubmit = form.handleSubmit(async () => {
    setDone(false);
    try {
      await run(form.getValues());
      setDone(true);
      if (options.reset) form.reset();
      options.onDone?.();
    } catch (error) {
      applyServerErrors(form as unknown as UseFormReturn<FieldValues>, error);
    }
  });
  return { onSubmit, pending: form.formState.isSubmitting, done, error: form.formState.errors.root?.server?.message };
}

/**
 * The frame the portal's forms share: a card with its legend, the form's error, a success line
 * (a status, announced), the fields, and one submit button. The fieldset is disabled while the
 * form is sent, so it cannot be sent twice.
 */
export function FormCard({
  onSubmit,
  pending,
  legend,
  hideLegend = false,
  error,
  success,
  submitLabel,
  label,
  testId,
  plain = false,
  children,
}: {
  onSubmit: () => void;
  pending: boolean;
  legend: string;
  /** The legend for screen readers only, where a heading above already names the form. */
  hideLegend?: boolean;
  error: string | undefined;
  success?: ReactNode;
  submitLabel: string;
  /** The form's accessible name (a landmark), when it needs one. */
  label?: string;
  testId?: string;
  /** Without the card's border and padding, inside another card. */
  plain?: boolean;
  children: ReactNode;
}) {
  return (
    <ClientForm
      onSubmit={onSubmit}
      noValidate
      aria-label={label}
      data-testid={testId}
      className={`flex min-w-0 flex-col gap-4 ${plain ? "" : "rounded-lg border border-slate-200 bg-white p-4 sm:p-6"}`}
    >
      <fieldset disabled={pending} aria-busy={pending} className="flex min-w-0 flex-col gap-4">
        <legend className={hideLegend ? "sr-only" : "mb-1 text-lg font-semibold text-slate-900"}>{legend}</legend>
        <FormError message={error} />
        {success ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900">
            {success}
          </p>
        ) : null}
        {children}
        <div>
          <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
        </div>
      </fieldset>
    </ClientForm>
  );
}

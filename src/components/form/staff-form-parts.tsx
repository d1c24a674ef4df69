"use client";

import { TRPCClientError } from "@trpc/client";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { FormError, useMessage } from "@/components/form/fields";
import { useOutcomeFlash } from "@/components/form/outcome-flash";
import { applyServerErrors } from "@/components/form/use-zod-form";
import { ClientForm } from "@/components/form/client-form";

/** Button looks shared by the window's and the reviewers' action forms. */
export const staffButton = {
  primary: "rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-60",
  danger: "rounded bg-seal-600 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-60",
  secondary: "rounded border border-slate-500 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60",
  link: "rounded px-1 text-sm font-medium text-brand-700 underline hover:text-brand-800 disabled:opacity-60",
} as const;

/**
 * True when another user acted first (stale version, lost compare-and-set) or the case moved to a
 * state where the action no longer applies: the page should show the current state.
 */
export function isStaleError(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "CONFLICT";
}

/**
 * What a staff action section remembers after a submit: which action went through, or that
 * someone else acted first. Either way the page is refreshed to the current state.
 */
export function useStaffOutcome<D extends string>() {
  const router = useRouter();
  const [done, setDone] = useState<D | null>(null);
  const [stale, setStale] = useState(false);
  return {
    done,
    stale,
    onDone: (d: D) => {
      setStale(false);
      setDone(d);
      router.refresh();
    },
    onStale: () => {
      setDone(null);
      setStale(true);
      router.refresh();
    },
  };
}

/**
 * The submit of a staff action form: runs the mutation, reports success, puts the server's field
 * errors on the form, and on a conflict (someone acted first) asks the page to refresh. Pending
 * stays on after success, so the form cannot be sent twice while the page reloads.
 */
export function useStaffAction<V extends FieldValues, O extends FieldValues>(
  form: UseFormReturn<V, unknown, O>,
  run: (values: O) => Promise<unknown>,
  succeeded: boolean,
  on: { done: () => void; stale: () => void },
) {
  const pending = form.formState.isSubmitting || succeeded;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await run(values);
      on.done();
    } catch (error) {
      applyServerErrors(form as unknown as UseFormReturn<FieldValues>, error);
      if (isStaleError(error)) on.stale();
    }
  });
  return { onSubmit, pending };
}

/** The frame every staff action form shares: a card with its legend, the form's error, the fields and one button. */
export function StaffActionForm({
  onSubmit,
  pending,
  legend,
  error,
  submitLabel,
  tone = "primary",
  children,
}: {
  onSubmit: () => void;
  pending: boolean;
  legend: string;
  error: string | undefined;
  submitLabel: string;
  tone?: keyof typeof staffButton;
  children?: ReactNode;
}) {
  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <fieldset disabled={pending} aria-busy={pending} className="flex flex-col gap-4">
        <legend className="mb-1 text-lg font-semibold text-slate-900">{legend}</legend>
        <FormError message={error} />
        {children}
        <div>
          <button type="submit" className={staffButton[tone]}>
            {submitLabel}
          </button>
        </div>
      </fieldset>
    </ClientForm>
  );
}

/** The error of one field, client or server, read by its dotted path. */
function fieldError<T extends FieldValues>(form: UseFormReturn<T, unknown, FieldValues>, name: Path<T>): string | undefined {
  return form.getFieldState(name, form.formState).error?.message;
}

interface StaffTextAreaProps<T extends FieldValues, O extends FieldValues> {
  form: UseFormReturn<T, unknown, O>;
  name: Path<T>;
  /** Makes the id unique: several forms on one page have a `reason`. */
  idPrefix: string;
  label: string;
  hint?: string;
  required?: boolean;
  rows?: number;
}

/** A labelled multi-line input whose error (client or server) is announced and tied to it. */
export function StaffTextArea<T extends FieldValues, O extends FieldValues>({
  form,
  name,
  idPrefix,
  label,
  hint,
  required,
  rows = 3,
}: StaffTextAreaProps<T, O>) {
  const message = useMessage();
  const f = form as unknown as UseFormReturn<T, unknown, FieldValues>;
  const error = fieldError(f, name);
  const id = `${idPrefix}-${name.replaceAll(".", "-")}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        rows={rows}
        aria-required={required ? true : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className="w-full rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-seal-600"
        {...f.register(name)}
      />
      {error ? (
        <p id={errorId} className="text-sm text-seal-600">
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The outcome of the last action: success as a status, a stale page as an alert. Both regions are
 * always in the page so screen readers announce what appears in them.
 */
export function StaffOutcome({ done, stale }: { done: ReactNode | null; stale: ReactNode | null }) {
  // A new outcome replaces one kept from an earlier form; one still shown when this form goes
  // away (its item left the list on refresh) is kept by the layout (outcome-flash.tsx).
  const flash = useOutcomeFlash();
  const pathname = usePathname();
  const shown = useRef<{ message: ReactNode; pathname: string } | null>(null);
  useEffect(() => {
    shown.current = done ? { message: done, pathname } : null;
    if (done) flash?.clear();
  }, [done, flash, pathname]);
  useEffect(
    () => () => {
      if (shown.current) flash?.keep(shown.current.message, shown.current.pathname);
    },
    [flash],
  );
  return (
    <>
      <div role="status" data-testid="action-done" className="empty:hidden">
        {done ? <p className="rounded border border-green-700 bg-green-50 px-3 py-2 font-medium text-green-900">{done}</p> : null}
      </div>
      <div role="alert" data-testid="action-stale" className="empty:hidden">
        {stale ? <p className="rounded border border-amber-500 bg-amber-50 px-3 py-2 text-amber-950">{stale}</p> : null}
      </div>
    </>
  );
}

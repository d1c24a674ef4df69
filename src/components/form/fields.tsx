"use client";

import { useTranslations } from "next-intl";
import type { ChangeEvent, ReactNode } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { translateMessage } from "@/lib/message";

export function useMessage(): (encoded: string | undefined) => string | undefined {
  const t = useTranslations();
  return (encoded) =>
    encoded === undefined
      ? undefined
      : translateMessage(
          Object.assign((key: string, params?: Record<string, string | number>) => t(key as never, params as never), {
            has: (key: string) => t.has(key as never),
          }),
          encoded,
        );
}

type Form<T extends FieldValues> = UseFormReturn<T, unknown, FieldValues>;

export const inputClass =
  "w-full min-w-0 rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-seal-600 disabled:bg-slate-100";

/** An input's id; `prefix` keeps two forms on one page (with a field of the same name) apart. */
export function fieldId(name: string, prefix = "field"): string {
  return `${prefix}-${name.replaceAll(".", "-")}`;
}

/** The message under a field or a group, by form path (test id `error-<path>`). */
export function FieldError({ id, name, message }: { id: string; name: string; message?: string }) {
  const translate = useMessage();
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-seal-600" data-testid={`error-${name}`}>
      {translate(message)}
    </p>
  );
}

/** Label, optional hint, the control, then its error: the frame every field shares. */
function FieldFrame({
  id,
  label,
  hint,
  hintId,
  children,
  name,
  error,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  hintId?: string;
  children: ReactNode;
  name: string;
  error?: string;
}) {
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
      {children}
      <FieldError id={`${id}-error`} name={name} message={error} />
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: string | undefined) {
  const hintId = hint ? `${id}-hint` : undefined;
  return { hintId, ariaDescribedBy: [hintId, error ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined };
}

interface TextFieldProps<T extends FieldValues> {
  form: Form<T>;
  name: Path<T>;
  label: string;
  hint?: ReactNode;
  type?: "text" | "password" | "tel" | "email" | "date";
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "decimal" | "tel";
  idPrefix?: string;
  /** Shown under the input as the user types (e.g. a live check). */
  after?: ReactNode;
}

/** A labelled input whose error (client or server) is announced and tied to it. */
export function TextField<T extends FieldValues>({ form, name, label, hint, type = "text", autoComplete, inputMode, idPrefix, after }: TextFieldProps<T>) {
  const error = form.getFieldState(name, form.formState).error?.message;
  const id = fieldId(name, idPrefix);
  const { hintId, ariaDescribedBy } = describedBy(id, hint, error);
  return (
    <FieldFrame id={id} label={label} hint={hint} hintId={hintId} name={name} error={error}>
      <input
        id={id}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={ariaDescribedBy}
        className={inputClass}
        {...form.register(name)}
      />
      {after}
    </FieldFrame>
  );
}

/** A labelled multi-line input whose error (client or server) is announced and tied to it. */
export function TextAreaField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  rows = 3,
  idPrefix,
}: {
  form: Form<T>;
  name: Path<T>;
  label: string;
  hint?: ReactNode;
  rows?: number;
  idPrefix?: string;
}) {
  const error = form.getFieldState(name, form.formState).error?.message;
  const id = fieldId(name, idPrefix);
  const { hintId, ariaDescribedBy } = describedBy(id, hint, error);
  return (
    <FieldFrame id={id} label={label} hint={hint} hintId={hintId} name={name} error={error}>
      <textarea
        id={id}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={ariaDescribedBy}
        className={inputClass}
        {...form.register(name)}
      />
    </FieldFrame>
  );
}

/**
 * Checkboxes that together give a list (e.g. the kinds of applicant), in a fieldset whose legend
 * names them; the error is the list's.
 */
export function CheckboxGroupField<T extends FieldValues>({
  form,
  name,
  legend,
  options,
  idPrefix,
}: {
  form: Form<T>;
  name: Path<T>;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  idPrefix?: string;
}) {
  const error = form.getFieldState(name, form.formState).error?.message;
  const id = fieldId(name, idPrefix);
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-1 font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-1">
        {options.map((o) => (
          <div key={o.value} className="flex items-start gap-2">
            <input id={`${id}-${o.value}`} type="checkbox" value={o.value} className="mt-1 h-5 w-5 shrink-0" {...form.register(name)} />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
      <FieldError id={`${id}-error`} name={name} message={error} />
    </fieldset>
  );
}

interface SelectFieldProps<T extends FieldValues> {
  form: Form<T>;
  name: Path<T>;
  label: string;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string; disabled?: boolean }>;
  /** The empty first option; omitted when a value is always chosen. */
  placeholder?: string;
  /** Runs after the value changed, e.g. to clear a field that depends on this one. */
  onChange?: (value: string) => void;
  disabled?: boolean;
  idPrefix?: string;
}

/** A labelled select whose error (client or server) is announced and tied to it. */
export function SelectField<T extends FieldValues>({ form, name, label, hint, options, placeholder, onChange, disabled, idPrefix }: SelectFieldProps<T>) {
  const error = form.getFieldState(name, form.formState).error?.message;
  const id = fieldId(name, idPrefix);
  const { hintId, ariaDescribedBy } = describedBy(id, hint, error);
  return (
    <FieldFrame id={id} label={label} hint={hint} hintId={hintId} name={name} error={error}>
      <select
        id={id}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={ariaDescribedBy}
        className={inputClass}
        {...form.register(name, { onChange: onChange ? (e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value) : undefined })}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A checkbox with its label beside it and its error under it. */
export function CheckboxField<T extends FieldValues>({ form, name, label, idPrefix }: { form: Form<T>; name: Path<T>; label: ReactNode; idPrefix?: string }) {
  const error = form.getFieldState(name, form.formState).error?.message;
  const id = fieldId(name, idPrefix);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          className="mt-1 h-5 w-5 shrink-0"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          {...form.register(name)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldError id={`${id}-error`} name={name} message={error} />
    </div>
  );
}

/** The form-level error, e.g. a wrong password or a failure of the server. */
export function FormError({ message }: { message?: string }) {
  const translate = useMessage();
  if (!message) return null;
  return (
    <div role="status" aria-live="assertive" data-testid="form-error" className="rounded border border-seal-600 bg-red-50 px-3 py-2 text-seal-600">
      {translate(message)}
    </div>
  );
}

export function SubmitButton({ children, pending }: { children: ReactNode; pending: boolean }) {
  return (
    <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
      {children}
    </button>
  );
}

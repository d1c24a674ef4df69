"use client";

import type { ChangeEvent, ReactNode } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { useMessage } from "@/components/form/fields";

// Select and checkbox counterparts of the shared TextField: labelled, errors tied to the input
// with aria-describedby and shown under it (`error-<path>` test ids, like TextField's).

type Form<T extends FieldValues> = UseFormReturn<T, unknown, FieldValues>;

export const inputClass = "w-full rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-seal-600 disabled:bg-slate-100";

/** The input's id; `prefix` keeps two forms on one page (with a field of the same name) apart. */
export function fieldId(name: string, prefix = "field"): string {
  return `${prefix}-${name.replaceAll(".", "-")}`;
}

/** The message under a field or a group, by form path. */
export function FieldError({ id, name, message }: { id: string; name: string; message?: string }) {
  const translate = useMessage();
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-seal-600" data-testid={`error-${name}`}>
      {translate(message)}
    </p>
  );
}

interface SelectFieldProps<T extends FieldValues> {
  form: Form<T>;
  name: Path<T>;
  label: string;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** The empty first option; omitted when a value is always chosen. */
  placeholder?: string;
  onChange?: (value: string) => void;
  disabled?: boolean;
  idPrefix?: string;
}

export function SelectField<T extends FieldValues>({ form, name, label, hint, options, placeholder, onChange, disabled, idPrefix }: SelectFieldProps<T>) {
  const error = form.getFieldState(name, form.formState).error;
  const id = fieldId(name, idPrefix);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error?.message ? `${id}-error` : undefined;
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
      <select
        id={id}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={inputClass}
        {...form.register(name, { onChange: onChange ? (e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value) : undefined })}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} name={idPrefix ? `${idPrefix}.${name}` : name} message={error?.message} />
    </div>
  );
}

interface CheckboxFieldProps<T extends FieldValues> {
  form: Form<T>;
  name: Path<T>;
  label: ReactNode;
  idPrefix?: string;
}

export function CheckboxField<T extends FieldValues>({ form, name, label, idPrefix }: CheckboxFieldProps<T>) {
  const error = form.getFieldState(name, form.formState).error;
  const id = fieldId(name, idPrefix);
  const errorId = error?.message ? `${id}-error` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-start gap-2">
        <input id={id} type="checkbox" className="mt-1 h-5 w-5 shrink-0" aria-invalid={error ? true : undefined} aria-describedby={errorId} {...form.register(name)} />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldError id={`${id}-error`} name={idPrefix ? `${idPrefix}.${name}` : name} message={error?.message} />
    </div>
  );
}

/** A text input like the shared TextField, with an id safe for CSS selectors and an optional label suffix. */
export function InputField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  inputMode,
  autoComplete,
  idPrefix,
}: {
  form: Form<T>;
  name: Path<T>;
  label: string;
  hint?: ReactNode;
  inputMode?: "text" | "numeric" | "decimal";
  autoComplete?: string;
  idPrefix?: string;
}) {
  const error = form.getFieldState(name, form.formState).error;
  const id = fieldId(name, idPrefix);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error?.message ? `${id}-error` : undefined;
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
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        autoComplete={autoComplete ?? "off"}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={inputClass}
        {...form.register(name)}
      />
      <FieldError id={`${id}-error`} name={idPrefix ? `${idPrefix}.${name}` : name} message={error?.message} />
    </div>
  );
}

"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { useMessage } from "@/components/form/fields";

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

interface SelectFieldProps<T extends FieldValues, O extends FieldValues> {
  form: UseFormReturn<T, unknown, O>;
  name: Path<T>;
  /** Makes the id unique when several forms on one page have the same field. */
  idPrefix: string;
  label: string;
  hint?: string;
  options: SelectOption[];
  /** An empty first choice ("please choose"), for fields without a default. */
  placeholder?: string;
  /** Runs after the value changed, e.g. to clear a field that depends on this one. */
  onChange?: () => void;
}

/** A labelled select whose error (client or server) is announced and tied to it. */
export function SelectField<T extends FieldValues, O extends FieldValues>({ form, name, idPrefix, label, hint, options, placeholder, onChange }: SelectFieldProps<T, O>) {
  const message = useMessage();
  const f = form as unknown as UseFormReturn<T, unknown, FieldValues>;
  const error = f.getFieldState(name, f.formState).error?.message;
  const id = `${idPrefix}-${name}`;
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
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className="w-full min-w-0 rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-seal-600"
        {...f.register(name, { onChange })}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={errorId} className="text-sm text-seal-600" data-testid={`error-${name}`}>
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}

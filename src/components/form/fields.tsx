"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
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

interface TextFieldProps<T extends FieldValues> {
  form: UseFormReturn<T, unknown, FieldValues>;
  name: Path<T>;
  label: string;
  hint?: string;
  type?: "text" | "password" | "tel" | "email";
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "tel";
  /** Shown under the label as the user types (e.g. a live check). */
  after?: ReactNode;
}

/** A labelled input whose error (client or server) is announced and tied to it. */
export function TextField<T extends FieldValues>({ form, name, label, hint, type = "text", autoComplete, inputMode, after }: TextFieldProps<T>) {
  const message = useMessage();
  const error = form.getFieldState(name, form.formState).error;
  const id = `field-${name}`;
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
      <input
        id={id}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className="rounded border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-seal-600"
        {...form.register(name)}
      />
      {after}
      {error?.message ? (
        <p id={errorId} className="text-sm text-seal-600" data-testid={`error-${name}`}>
          {message(error.message)}
        </p>
      ) : null}
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
    <button
      type="submit"
      disabled={pending}
      className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
    >
      {children}
    </button>
  );
}

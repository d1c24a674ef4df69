"use client";

import { TRPCClientError } from "@trpc/client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Controller, useFieldArray, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { FormError, useMessage } from "@/components/form/fields";
import { applyServerErrors } from "@/components/form/use-zod-form";
import type { ZNoticeItemInput } from "../inputs";

/** Button looks shared by the window's and the reviewers' action forms. */
export const staffButton = {
  primary:
    "rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-60",
  danger:
    "rounded bg-seal-600 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-60",
  secondary:
    "rounded border border-slate-500 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60",
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
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
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
    </form>
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
export function StaffTextArea<T extends FieldValues, O extends FieldValues>({ form, name, idPrefix, label, hint, required, rows = 3 }: StaffTextAreaProps<T, O>) {
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

/** A material the notice items can point at, named in both languages. */
export interface StaffMaterialChoice {
  key: string;
  nameZh: string;
  nameEn: string;
}

type NoticeItemsValues = { items: Array<z.input<typeof ZNoticeItemInput>> };

/**
 * The items of a one-time notice: each a text and the materials it concerns; rows can be added
 * and removed (at least one stays). Used by the window's completion form and the reviewer's
 * supplement request, both of which validate with `ZNoticeItemInput`.
 */
export function StaffNoticeItems<T extends NoticeItemsValues, O extends FieldValues>({
  form,
  idPrefix,
  materials,
}: {
  form: UseFormReturn<T, unknown, O>;
  idPrefix: string;
  materials: StaffMaterialChoice[];
}) {
  const t = useTranslations("applications.staff.notice");
  const en = useLocale() === "en";
  const message = useMessage();
  // One cast here so both forms (window and reviewer) can share the editor.
  const f = form as unknown as UseFormReturn<NoticeItemsValues, unknown, FieldValues>;
  const { fields, append, remove } = useFieldArray({ control: f.control, name: "items" });
  const errors = f.formState.errors.items;
  const listError = errors?.root?.message ?? errors?.message;
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="mb-1 font-medium text-slate-800">{t("legend")}</legend>
      {listError ? <p className="text-sm text-seal-600">{message(listError)}</p> : null}
      <ol className="flex flex-col gap-3">
        {fields.map((field, index) => {
          const n = index + 1;
          const rowId = `${idPrefix}-item-${field.id}`;
          const keysError = f.getFieldState(`items.${index}.materialKeys`, f.formState).error?.message;
          return (
            <li key={field.id} className="flex flex-col gap-3 rounded border border-slate-300 bg-slate-50 p-3" aria-labelledby={`${rowId}-title`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p id={`${rowId}-title`} className="font-semibold">
                  {t("item", { n })}
                </p>
                {fields.length > 1 ? (
                  <button type="button" className={staffButton.link} onClick={() => remove(index)}>
                    {t("remove", { n })}
                  </button>
                ) : null}
              </div>
              <StaffTextArea form={f} name={`items.${index}.text`} idPrefix={rowId} label={t("text", { n })} hint={t("textHint")} required />
              <fieldset className="flex flex-col gap-1">
                <legend className="mb-1 text-sm font-medium text-slate-800">{t("materials", { n })}</legend>
                {materials.length === 0 ? <p className="text-sm text-slate-600">{t("noMaterials")}</p> : null}
                <Controller
                  control={f.control}
                  name={`items.${index}.materialKeys`}
                  render={({ field: keys }) => {
                    const selected = keys.value ?? [];
                    return (
                      <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
                        {materials.map((m) => {
                          const id = `${rowId}-material-${m.key}`;
                          return (
                            <div key={m.key} className="flex items-start gap-2">
                              <input
                                id={id}
                                type="checkbox"
                                className="mt-1 size-4 shrink-0"
                                checked={selected.includes(m.key)}
                                onBlur={keys.onBlur}
                                onChange={(e) => keys.onChange(e.target.checked ? [...selected, m.key] : selected.filter((k) => k !== m.key))}
                              />
                              <label htmlFor={id}>{en ? m.nameEn : m.nameZh}</label>
                            </div>
                          );
                        })}
                      </div>
                    );
                  }}
                />
                {keysError ? <p className="text-sm text-seal-600">{message(keysError)}</p> : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div>
        <button type="button" className={staffButton.secondary} onClick={() => append({ text: "", materialKeys: [] })}>
          {t("add")}
        </button>
      </div>
    </fieldset>
  );
}

/**
 * The outcome of the last action: success as a status, a stale page as an alert. Both regions are
 * always in the page so screen readers announce what appears in them.
 */
export function StaffOutcome({ done, stale }: { done: ReactNode | null; stale: ReactNode | null }) {
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

"use client";

import { useLocale, useTranslations } from "next-intl";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { useMessage } from "@/components/form/fields";

/** A step the refusal ends, as the confirmation names it. */
export interface CancelledStep {
  serviceName: string;
  departmentName: string;
}

/**
 * The confirm step of a refusal (不予许可, 不予受理): a warning that names what the refusal ends — every
 * open step with its department, or the whole application at the window — and a checkbox the
 * officer ticks (keyboard: Tab, Space). The server refuses a refusal without it.
 */
export function RefusalConfirmation<T extends FieldValues, O extends FieldValues>({
  form,
  idPrefix,
  kind,
  cancels,
  trackingNumber,
}: {
  form: UseFormReturn<T, unknown, O>;
  idPrefix: string;
  kind: "denial" | "nonAcceptance";
  cancels: CancelledStep[];
  trackingNumber?: string | null;
}) {
  const t = useTranslations("documents.confirm");
  const message = useMessage();
  const locale = useLocale();
  const f = form as unknown as UseFormReturn<FieldValues>;
  const name = "confirmed" as Path<T>;
  const error = f.getFieldState(name, f.formState).error?.message;
  const id = `${idPrefix}-confirmed`;
  const departments = [...new Set(cancels.map((c) => c.departmentName))];
  return (
    <div className="flex flex-col gap-2 rounded border border-seal-600 bg-red-50 p-3" data-testid={`${idPrefix}-confirmation`}>
      <p id={`${id}-what`} className="font-medium text-seal-600">
        {kind === "denial" ? t("denialEnds") : t("nonAcceptanceEnds", { trackingNumber: trackingNumber ?? "—" })}
      </p>
      {kind === "denial" ? (
        cancels.length > 0 ? (
          <>
            <p className="text-slate-800">{t("cancels", { steps: cancels.length, departments: departments.length })}</p>
            <ul className="list-disc pl-6 text-slate-800" data-testid={`${idPrefix}-cancels`}>
              {cancels.map((c, i) => (
                <li key={i}>
                  {c.serviceName}
                  {locale === "en" ? ` (${c.departmentName})` : `（${c.departmentName}）`}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="text-slate-800">{t("cancelsNothing")}</p>
        )
      ) : null}
      <p className="text-sm text-slate-700">{t("remedies")}</p>
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          className="mt-1 h-5 w-5 shrink-0"
          aria-invalid={error ? true : undefined}
          aria-describedby={[`${id}-what`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
          {...f.register(name)}
        />
        <label htmlFor={id} className="font-medium">
          {kind === "denial" ? t("labelDenial") : t("labelNonAcceptance")}
        </label>
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-seal-600" data-testid={`${idPrefix}-confirmed-error`}>
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";

export interface OpinionTemplateChoice {
  id: string;
  outcome: "approved" | "denied";
  title: string;
  body: string;
}

/**
 * Picks one of the department's opinion templates and hands its text to the form, which the
 * reviewer may still edit. A native select: labelled, keyboard-operable, and absent when the
 * department keeps no template for this decision.
 */
export function OpinionTemplatePicker({
  idPrefix,
  templates,
  onPick,
}: {
  idPrefix: string;
  templates: OpinionTemplateChoice[];
  onPick: (body: string) => void;
}) {
  const t = useTranslations("review.actions");
  if (templates.length === 0) return null;
  const id = `${idPrefix}-template`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium text-slate-800">
        {t("template")}
      </label>
      <select
        id={id}
        defaultValue=""
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const picked = templates.find((x) => x.id === e.target.value);
          if (picked) onPick(picked.body);
        }}
        className="rounded border border-slate-400 bg-white px-3 py-2"
      >
        <option value="">{t("templateNone")}</option>
        {templates.map((x) => (
          <option key={x.id} value={x.id}>
            {x.title}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {t("templateHint")}
      </p>
    </div>
  );
}

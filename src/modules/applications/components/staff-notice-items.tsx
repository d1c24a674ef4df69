"use client";

import { useLocale, useTranslations } from "next-intl";
import { Controller, useFieldArray, type FieldValues, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { useMessage } from "@/components/form/fields";
import { StaffTextArea, staffButton } from "@/components/form/staff-form-parts";
import type { ZNoticeItemInput } from "../inputs";

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

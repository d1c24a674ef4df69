"use client";

import { useLocale, useTranslations } from "next-intl";
import { Controller, useFieldArray, type FieldValues, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { useMessage } from "@/components/form/fields";
import { StaffTextArea, staffButton } from "@/components/form/staff-form-parts";
import type { ZNoticeItemInput } from "../inputs";
import { noticeItemKinds } from "../model";

/** A material the notice items can point at, named in both languages. */
export interface StaffMaterialChoice {
  key: string;
  nameZh: string;
  nameEn: string;
}

type NoticeItemsValues = { items: Array<z.input<typeof ZNoticeItemInput>> };

/**
 * The items of a one-time notice: each of a kind (a catalog material, a document asked for in
 * words, a question), with its text, the materials it concerns (material items) and an optional
 * legal basis; rows can be added and removed (at least one stays). Used by the window's completion form and the reviewer's
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
  const kinds = (f.watch("items") ?? []).map((i) => i.kind);
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
              <fieldset className="flex flex-col gap-1">
                <legend className="mb-1 text-sm font-medium text-slate-800">{t("kind", { n })}</legend>
                <div className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-4">
                  {noticeItemKinds.map((kind) => {
                    const id = `${rowId}-kind-${kind}`;
                    return (
                      <div key={kind} className="flex items-start gap-2">
                        <input
                          id={id}
                          type="radio"
                          value={kind}
                          className="mt-1 size-4 shrink-0"
                          {...f.register(`items.${index}.kind`, {
                            // A document request or a question names no catalog material.
                            onChange: () => {
                              if (kind !== "material") f.setValue(`items.${index}.materialKeys`, []);
                            },
                          })}
                        />
                        <label htmlFor={id}>{t(`kinds.${kind}`)}</label>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
              <StaffTextArea
                form={f}
                name={`items.${index}.text`}
                idPrefix={rowId}
                label={t("text", { n })}
                hint={t(`textHint.${kinds[index] ?? "document"}`)}
                required
              />
              {kinds[index] === "material" ? (
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
              ) : keysError ? (
                <p className="text-sm text-seal-600">{message(keysError)}</p>
              ) : null}
              <StaffTextArea form={f} name={`items.${index}.legalBasis`} idPrefix={rowId} label={t("legalBasis", { n })} hint={t("legalBasisHint")} rows={2} />
            </li>
          );
        })}
      </ol>
      <div>
        <button type="button" className={staffButton.secondary} onClick={() => append({ kind: "document", text: "", materialKeys: [], legalBasis: "" })}>
          {t("add")}
        </button>
      </div>
    </fieldset>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/form/fields";
import { StaffActionForm, StaffOutcome, StaffTextArea, useStaffAction, useStaffOutcome } from "@/components/form/staff-form-parts";
import { useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZOpinionTemplateRef, ZSaveOpinionTemplateInput } from "../inputs";
import { opinionTemplateOutcomes } from "../model";
import type { OpinionTemplateChoice } from "./opinion-template-picker";
import { ClientForm } from "@/components/form/client-form";

type Done = "saved" | "deleted";

/** The data office adds a department's opinion template, or removes one; the page refreshes to show the list. */
export function OpinionTemplatesManager({ departmentId, templates }: { departmentId: string; templates: OpinionTemplateChoice[] }) {
  const t = useTranslations("review.templates");
  const { done, stale, onDone, onStale } = useStaffOutcome<Done>();
  return (
    <div className="flex flex-col gap-4">
      <StaffOutcome done={done ? t(`done.${done}`) : null} stale={stale ? t("stale") : null} />
      {templates.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="opinion-templates">
          {templates.map((x) => (
            <li key={x.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-start sm:justify-between">
              <div>
                <p className="font-semibold">
                  {x.title} <span className="ml-2 text-sm font-normal text-slate-600">{t(`outcome.${x.outcome}`)}</span>
                </p>
                <p className="whitespace-pre-wrap text-slate-800">{x.body}</p>
              </div>
              <DeleteButton id={x.id} title={x.title} onDone={() => onDone("deleted")} onStale={onStale} />
            </li>
          ))}
        </ul>
      )}
      <AddForm key={templates.length} departmentId={departmentId} onDone={() => onDone("saved")} onStale={onStale} />
    </div>
  );
}

function AddForm({ departmentId, onDone, onStale }: { departmentId: string; onDone: () => void; onStale: () => void }) {
  const t = useTranslations("review.templates");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.saveTemplate.mutationOptions());
  const form = useZodForm(ZSaveOpinionTemplateInput, { defaultValues: { departmentId, outcome: "approved", title: "", body: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: onDone, stale: onStale });
  return (
    <StaffActionForm onSubmit={onSubmit} pending={pending} legend={t("addLegend")} error={form.formState.errors.root?.server?.message} submitLabel={t("add")}>
      <SelectField
        form={form}
        name="outcome"
        idPrefix="template"
        label={t("outcomeLabel")}
        options={opinionTemplateOutcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
      />
      <TextField form={form} name="title" idPrefix="template" label={t("titleLabel")} hint={t("titleHint")} />
      <StaffTextArea form={form} name="body" idPrefix="template" label={t("bodyLabel")} hint={t("bodyHint")} rows={4} />
    </StaffActionForm>
  );
}

function DeleteButton({ id, title, onDone, onStale }: { id: string; title: string; onDone: () => void; onStale: () => void }) {
  const t = useTranslations("review.templates");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.deleteTemplate.mutationOptions());
  const form = useZodForm(ZOpinionTemplateRef, { defaultValues: { id } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: onDone, stale: onStale });
  return (
    <ClientForm onSubmit={onSubmit} noValidate>
      <button
        type="submit"
        disabled={pending}
        aria-label={t("deleteNamed", { title })}
        className="rounded border border-seal-600 bg-white px-3 py-1.5 font-medium text-seal-600 hover:bg-red-50 disabled:opacity-60"
      >
        {t("delete")}
      </button>
    </ClientForm>
  );
}

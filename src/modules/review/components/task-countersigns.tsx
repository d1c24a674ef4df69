"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { SelectField } from "@/components/form/fields";
import { useZodForm } from "@/components/form/use-zod-form";
import { StaffActionForm, StaffOutcome, StaffTextArea, useStaffAction, useStaffOutcome } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import type { CountersignOpinion } from "../model";
import { countersignOpinions } from "../model";
import { ZAnswerCountersignInput } from "../ops-inputs";

export interface CountersignView {
  id: string;
  requesterName: string;
  countersignerName: string;
  reason: string;
  requestedAt: Date;
  opinion: CountersignOpinion | null;
  opinionText: string | null;
  answeredAt: Date | null;
  mine: boolean;
}

/**
 * A task's countersigns (加签): who asked whom and why, and each opinion given; the countersigner
 * answers here. While one is unanswered the task cannot be decided, and the page says so.
 */
export function TaskCountersigns({ countersigns }: { countersigns: CountersignView[] }) {
  const t = useTranslations("review.ops.countersign");
  const format = useFormatter();
  const { done, stale, onDone, onStale } = useStaffOutcome<"answered">();
  if (countersigns.length === 0 && !done) return null;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const pending = countersigns.some((c) => c.answeredAt === null);
  return (
    <section aria-labelledby="countersigns-heading" className="flex flex-col gap-3" data-testid="task-countersigns">
      <h2 id="countersigns-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      {pending ? <p className="rounded bg-amber-50 px-3 py-2 text-amber-900">{t("pending")}</p> : null}
      <StaffOutcome done={done ? t("answered") : null} stale={stale ? t("stale") : null} />
      <ol className="flex flex-col gap-3">
        {countersigns.map((c) => (
          <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <p className="font-medium">{t("asked", { requester: c.requesterName, countersigner: c.countersignerName, date: when(c.requestedAt) })}</p>
            <p className="text-slate-700">{t("reasonValue", { reason: c.reason })}</p>
            {c.opinion && c.answeredAt ? (
              <p className={c.opinion === "agree" ? "text-emerald-800" : "text-seal-600"} data-testid="countersign-opinion">
                {t("opinionValue", { opinion: c.opinion, text: c.opinionText ?? "", date: when(c.answeredAt) })}
              </p>
            ) : (
              <p className="text-slate-700">{t("awaiting")}</p>
            )}
            {c.mine ? <AnswerForm countersignId={c.id} onDone={() => onDone("answered")} onStale={onStale} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function AnswerForm({ countersignId, onDone, onStale }: { countersignId: string; onDone: () => void; onStale: () => void }) {
  const t = useTranslations("review.ops.countersign");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.answerCountersign.mutationOptions());
  const form = useZodForm(ZAnswerCountersignInput, { defaultValues: { countersignId, opinion: "agree", text: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: onDone, stale: onStale });
  return (
    <div className="mt-3">
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("answerLegend")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("answerSubmit")}
      >
        <SelectField
          form={form}
          name="opinion"
          idPrefix="countersign-answer"
          label={t("opinion")}
          options={countersignOpinions.map((o) => ({ value: o, label: t(`opinions.${o}`) }))}
        />
        <StaffTextArea form={form} name="text" idPrefix="countersign-answer" label={t("opinionText")} hint={t("opinionTextHint")} required />
      </StaffActionForm>
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { CheckboxGroupField, SelectField, TextAreaField } from "@/components/form/fields";
import { FormCard, useFormSubmit } from "@/components/form/form-card";
import { useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZAppealRectificationInput, ZRateInput } from "../inputs";
import { ratingLevels, ratingTags } from "../model";
import type { CaseRatingsView, RatingTargetView } from "../views";
import { RectificationReply } from "./rectification-reply";

/**
 * The case page's ratings (好差评): for a finished case, a form per target (the case as a whole and
 * each deciding department), the rating given, and for a bad one the department's reply with the
 * one appeal.
 */
export function CaseRatings({ applicationId, view }: { applicationId: string; view: CaseRatingsView }) {
  const t = useTranslations("ratings.case");
  return (
    <section aria-labelledby="ratings-heading" className="flex flex-col gap-3" data-testid="case-ratings">
      <h2 id="ratings-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="text-slate-700">{t("intro")}</p>
      {view.mayAct ? null : <p className="text-slate-700">{t("viewOnly")}</p>}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {view.targets.map((target) => (
          <RatingTarget key={target.departmentId ?? "overall"} applicationId={applicationId} target={target} mayAct={view.mayAct} />
        ))}
      </div>
    </section>
  );
}

function RatingTarget({ applicationId, target, mayAct }: { applicationId: string; target: RatingTargetView; mayAct: boolean }) {
  const t = useTranslations("ratings");
  const locale = useLocale();
  const format = useFormatter();
  const name = target.departmentId ? ((locale === "en" ? target.nameEn : target.nameZh) ?? "") : t("case.overall");
  const r = target.rating;
  return (
    <article className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-6" aria-label={name}>
      <h3 className="text-lg font-semibold">{name}</h3>
      {r ? (
        <div className="flex flex-col gap-1" data-testid="given-rating">
          <p className="font-medium">{t("case.yourRating", { level: t(`level.${r.level}`) })}</p>
          {r.tags.length > 0 ? <p className="text-slate-700">{r.tags.map((tag) => t(`tag.${tag}`)).join(locale === "en" ? ", " : "、")}</p> : null}
          {r.comment ? <p className="whitespace-pre-wrap text-slate-800">{r.comment}</p> : null}
          <p className="text-sm text-slate-600">
            {r.mayChange
              ? t("case.changeableUntil", { until: format.dateTime(new Date(r.changeableUntil), { dateStyle: "medium", timeStyle: "short" }) })
              : t("case.final")}
          </p>
        </div>
      ) : null}
      {mayAct && (!r || r.mayChange) ? <RateForm applicationId={applicationId} target={target} name={name} /> : null}
      {target.rectification ? <RectificationReply item={target.rectification} /> : null}
      {target.rectification?.mayAppeal ? <AppealForm itemId={target.rectification.id} version={target.rectification.version} name={name} /> : null}
    </article>
  );
}

function RateForm({ applicationId, target, name }: { applicationId: string; target: RatingTargetView; name: string }) {
  const t = useTranslations("ratings");
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.ratings.rate.mutationOptions());
  const prefix = `rate-${target.departmentId ?? "overall"}`;
  const form = useZodForm(ZRateInput, {
    defaultValues: {
      applicationId,
      departmentId: target.departmentId ?? undefined,
      level: target.rating?.level ?? ("" as never),
      tags: target.rating?.tags ?? [],
      comment: target.rating?.comment ?? "",
    },
  });
  const { onSubmit, pending, done, error } = useFormSubmit(form, (values) => mutation.mutateAsync(values), { onDone: () => router.refresh() });
  return (
    <FormCard
      onSubmit={onSubmit}
      pending={pending}
      legend={target.rating ? t("case.change") : t("case.submit")}
      hideLegend
      label={`${name} · ${target.rating ? t("case.change") : t("case.submit")}`}
      error={error}
      success={done ? t("case.saved") : null}
      submitLabel={target.rating ? t("case.change") : t("case.submit")}
      plain
    >
      <SelectField
        form={form}
        name="level"
        idPrefix={prefix}
        label={t("case.levelLabel")}
        placeholder={t("case.levelPlaceholder")}
        options={ratingLevels.map((l) => ({ value: l, label: t(`level.${l}`) }))}
      />
      <CheckboxGroupField
        form={form}
        name="tags"
        idPrefix={prefix}
        legend={t("case.tagsLegend")}
        options={ratingTags.map((tag) => ({ value: tag, label: t(`tag.${tag}`) }))}
      />
      <TextAreaField form={form} name="comment" idPrefix={prefix} label={t("case.commentLabel")} hint={t("case.commentHint")} />
    </FormCard>
  );
}

function AppealForm({ itemId, version, name }: { itemId: string; version: number; name: string }) {
  const t = useTranslations("ratings.case.appeal");
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.ratings.appeal.mutationOptions());
  const form = useZodForm(ZAppealRectificationInput, { defaultValues: { itemId, version, reason: "" } });
  const { onSubmit, pending, done, error } = useFormSubmit(form, (values) => mutation.mutateAsync(values), { onDone: () => router.refresh() });
  return (
    <FormCard
      onSubmit={onSubmit}
      pending={pending}
      legend={t("legend")}
      label={`${name} · ${t("legend")}`}
      error={error}
      success={done ? t("done") : null}
      submitLabel={t("submit")}
      plain
    >
      <TextAreaField form={form} name="reason" idPrefix={`appeal-${itemId}`} label={t("reasonLabel")} />
    </FormCard>
  );
}

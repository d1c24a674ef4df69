import { useLocale, useTranslations } from "next-intl";
import type { DepartmentItemView } from "../views";

/** What a department needs to answer an item: the case's number and service, the rating and its comment, the due day. Never the rater. */
export function ItemSummary({ item, department }: { item: DepartmentItemView; department?: string }) {
  const t = useTranslations("ratings");
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-1">
      <h3 className="text-lg font-semibold">
        {t("department.case", { trackingNumber: item.trackingNumber ?? "—", title: locale === "en" ? item.titleEn : item.titleZh })}
      </h3>
      {department ? <p className="text-slate-700">{department}</p> : null}
      <p>
        {t("department.ratingLine", { level: t(`level.${item.level}`) })}
        {item.tags.length > 0 ? ` · ${item.tags.map((tag) => t(`tag.${tag}`)).join(locale === "en" ? ", " : "、")}` : ""}
      </p>
      <p className="whitespace-pre-wrap">{t("department.commentLine", { comment: item.comment || t("department.noComment") })}</p>
      <p className="text-sm text-slate-700">
        {t("rectification.openedOn", { openedOn: item.openedOn })} · {t("rectification.dueOn", { dueOn: item.dueOn })} ·{" "}
        {t(`rectification.status.${item.status}`)}
        {item.late ? <span className="ml-2 rounded bg-red-100 px-2 py-0.5 font-medium text-red-900">{t("rectification.late")}</span> : null}
      </p>
    </div>
  );
}

import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ApplicationView } from "../views";

/** Every completion notice of the case, the open one first in importance: what was asked, by whom, answered or not. */
export async function StaffNotices({ application: app }: { application: Pick<ApplicationView, "notices" | "materials"> }) {
  if (app.notices.length === 0) return null;
  const [t, locale, format] = await Promise.all([getTranslations("applications.staff.case"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const nameOf = new Map(app.materials.map((m) => [m.key, en ? m.nameEn : m.nameZh]));
  return (
    <section aria-labelledby="notices-heading" className="flex flex-col gap-3">
      <h2 id="notices-heading" className="text-xl font-semibold">
        {t("notices")}
      </h2>
      <ol className="flex flex-col gap-3" data-testid="staff-notices">
        {app.notices.map((n) => (
          <li key={n.id} className={`rounded-lg border bg-white p-4 ${n.completedAt ? "border-slate-200" : "border-amber-400"}`}>
            <p className="font-semibold">{t("noticeIssued", { stage: t(`noticeStage.${n.stage}`), date: when(n.issuedAt) })}</p>
            <p className={`text-sm ${n.completedAt ? "text-slate-700" : "font-medium text-amber-900"}`}>
              {n.completedAt ? t("noticeCompleted", { date: when(n.completedAt) }) : t("noticeOpen")}
            </p>
            <ul className="mt-2 flex list-disc flex-col gap-1 pl-6">
              {n.items.map((item, i) => (
                <li key={i}>
                  {item.departmentNameZh ? (
                    <span className="font-medium">{t("noticeDepartment", { department: (en ? item.departmentNameEn : item.departmentNameZh) ?? "" })}</span>
                  ) : null}
                  <span className="whitespace-pre-wrap">{item.text}</span>
                  {item.materialKeys.length > 0 ? (
                    <span className="block text-sm text-slate-700">
                      {t("noticeMaterials", { names: format.list(item.materialKeys.map((k) => nameOf.get(k) ?? k)) })}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

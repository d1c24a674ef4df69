import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { GuideFilter } from "../guide-search";
import type { DepartmentRef, GuideList } from "../views";
import { pick } from "./format";

const control =
  "w-full rounded border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

/**
 * The service search (事项检索): a keyword, who applies (个人办事 / 法人办事), the department and
 * the theme ("一件事"). A plain GET form: it works without JavaScript, and a search is a link.
 */
export async function GuideSearchForm({ guides, filter, locale }: { guides: GuideList; filter: GuideFilter; locale: string }) {
  const t = await getTranslations("catalog.search");
  const departments = new Map<string, DepartmentRef>();
  for (const s of guides.services) departments.set(s.department.code, s.department);
  for (const b of guides.bundles) for (const d of b.departments) departments.set(d.code, d);
  return (
    <form
      role="search"
      action="/guides"
      method="get"
      aria-label={t("label")}
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
    >
      <div className="flex flex-col gap-1 lg:col-span-2">
        <label htmlFor="guide-q" className="font-medium">
          {t("keyword")}
        </label>
        <input id="guide-q" name="q" type="search" maxLength={40} defaultValue={filter.q ?? ""} placeholder={t("keywordHint")} className={control} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="guide-for" className="font-medium">
          {t("for")}
        </label>
        <select id="guide-for" name="for" defaultValue={filter.for ?? ""} className={control}>
          <option value="">{t("all")}</option>
          <option value="citizen">{t("citizen")}</option>
          <option value="enterprise">{t("enterprise")}</option>
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="guide-department" className="font-medium">
          {t("department")}
        </label>
        <select id="guide-department" name="department" defaultValue={filter.department ?? ""} className={control}>
          <option value="">{t("all")}</option>
          {[...departments.values()].map((d) => (
            <option key={d.code} value={d.code}>
              {pick(d, locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="guide-theme" className="font-medium">
          {t("theme")}
        </label>
        <select id="guide-theme" name="theme" defaultValue={filter.theme ?? ""} className={control}>
          <option value="">{t("all")}</option>
          {guides.bundles.map((b) => (
            <option key={b.code} value={b.code}>
              {pick(b, locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-5">
        <button
          type="submit"
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 focus:outline-none focus:ring-2 focus:ring-brand-600/50"
        >
          {t("submit")}
        </button>
        <Link href="/guides" className="text-brand-700 underline underline-offset-2">
          {t("clear")}
        </Link>
      </div>
    </form>
  );
}

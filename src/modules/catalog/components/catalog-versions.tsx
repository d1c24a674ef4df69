import { useTranslations } from "next-intl";
import type { CatalogAdmin } from "../views";

/**
 * The catalog's current version and its latest changes: what made each (reason), about what
 * (a service, a material, a bundle or an imported file), who and when. An application records the
 * version it was submitted under.
 */
export function CatalogVersions({ version, when }: { version: CatalogAdmin["version"]; when: (d: Date) => string }) {
  const t = useTranslations("catalog.admin.versions");
  return (
    <section aria-labelledby="versions-heading" className="flex flex-col gap-3">
      <h2 id="versions-heading" className="text-2xl font-semibold">
        {t("title")}
      </h2>
      <p className="text-lg" data-testid="catalog-version">
        {t("current", { version: version.current })}
      </p>
      <p className="text-sm text-slate-700">{t("lead")}</p>
      {version.recent.length ? (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[36rem] text-left text-sm" data-testid="catalog-versions">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("version")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("reason")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("subject")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("by")}
                </th>
                <th scope="col" className="px-3 py-2 font-semibold">
                  {t("at")}
                </th>
              </tr>
            </thead>
            <tbody>
              {version.recent.map((v) => (
                <tr key={v.version} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {v.version}
                  </th>
                  <td className="px-3 py-2">{t.has(`reasons.${v.reason}`) ? t(`reasons.${v.reason}`) : v.reason}</td>
                  <td className="break-all px-3 py-2 font-mono text-xs">{v.subject}</td>
                  <td className="px-3 py-2">{v.by ?? t("system")}</td>
                  <td className="whitespace-nowrap px-3 py-2">{when(v.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-slate-700">{t("none")}</p>
      )}
    </section>
  );
}

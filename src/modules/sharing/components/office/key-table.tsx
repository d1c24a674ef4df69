import type { inferRouterOutputs } from "@trpc/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { AppRouter } from "@/root/router";
import { RotateKeyButton } from "./rotate-key-button";

export type PublishedKey = inferRouterOutputs<AppRouter>["sharing"]["publicKeys"][number];

const cell = "px-3 py-2 align-top";
const head = "px-3 py-2 font-semibold whitespace-nowrap";

/** Each department's active signing key and how many it retired, with a rotate button (data office). */
export async function KeyTable({ keys }: { keys: PublishedKey[] }) {
  const [t, locale, format] = await Promise.all([getTranslations("sharing.office.keys"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const byDepartment = new Map<string, PublishedKey[]>();
  for (const k of keys) byDepartment.set(k.departmentCode, [...(byDepartment.get(k.departmentCode) ?? []), k]);
  return (
    <section aria-labelledby="keys-heading" className="flex flex-col gap-3">
      <h2 id="keys-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="text-slate-700">{t("lead")}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="key-table">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={head}>
                {t("department")}
              </th>
              <th scope="col" className={head}>
                {t("activeKey")}
              </th>
              <th scope="col" className={head}>
                {t("validFrom")}
              </th>
              <th scope="col" className={head}>
                {t("retired")}
              </th>
              <th scope="col" className={head}>
                <span className="sr-only">{t("rotate")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...byDepartment].map(([code, list]) => {
              const active = list.find((k) => k.retiredAt === null);
              const name = en ? list[0]!.departmentNameEn : list[0]!.departmentNameZh;
              return (
                <tr key={code} className="border-t border-slate-200" data-testid={`key-row-${code}`}>
                  <th scope="row" className={`${cell} font-medium`}>
                    {name}
                  </th>
                  <td className={`${cell} font-mono`} data-testid={`active-key-${code}`}>
                    {active ? active.keyId.slice(0, 8) : t("none")}
                  </td>
                  <td className={cell}>{active ? format.dateTime(active.validFrom, { dateStyle: "medium", timeStyle: "short" }) : t("none")}</td>
                  <td className={cell} data-testid={`retired-keys-${code}`}>
                    {list.filter((k) => k.retiredAt !== null).length}
                  </td>
                  <td className={cell}>
                    <RotateKeyButton departmentCode={code} departmentName={name} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

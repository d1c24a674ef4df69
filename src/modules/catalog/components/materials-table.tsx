import { getLocale, getTranslations } from "next-intl/server";
import { describeCondition, type SituationQuestion } from "../model";
import type { GuideMaterial } from "../views";
import { pick, pickText } from "./format";

/**
 * The materials of a guide: what, how it is supplied (a certificate government already holds is
 * "政府已有，免提交"), whether it is required, and its legal basis. With `askedBy`, which services
 * of a bundle need it. A table on wide screens, a list of cards on narrow ones.
 */
export async function MaterialsTable({
  materials,
  askedBy,
  situations = [],
}: {
  materials: GuideMaterial[];
  askedBy?: Map<string, string>;
  /** 办理情形: the questions a material's "applies when" names. */
  situations?: SituationQuestion[];
}) {
  const [t, tm, locale] = await Promise.all([getTranslations("catalog.guide"), getTranslations("catalog.commitmentMethods"), getLocale()]);
  if (materials.length === 0) return <p className="text-slate-700">{t("noMaterials")}</p>;
  const separator = locale === "en" ? ", " : "、";
  const rows = materials.map((m) => ({
    m,
    name: pick(m, locale),
    askedBy: askedBy && m.serviceCodes.length > 0 ? t("askedBy", { list: m.serviceCodes.map((c) => askedBy.get(c) ?? c).join(separator) }) : null,
    necessity: m.required ? t("required") : t("conditional", { condition: pickText(m.conditionZh ?? "", m.conditionEn ?? "", locale) }),
    // Read without script too: each material says in which situations it is asked, and when a
    // staged bundle asks it.
    appliesWhen: m.appliesWhen?.length
      ? t("appliesWhen", { condition: m.appliesWhen.map((w) => describeCondition(w, situations, locale)).join(t("appliesWhenOr")) })
      : null,
    stage: m.stage > 1 ? t("stageMaterial", { stage: m.stage }) : null,
    // 告知承诺: a commitment may replace it, checked after approval as the catalog's rule says.
    commitment: m.commitment ? t("commitment", { days: m.commitment.workingDays, method: tm(m.commitment.method) }) : null,
    source:
      m.source === "certificate" ? (
        <>
          <span className="inline-block whitespace-nowrap rounded border border-green-400 bg-green-50 px-2 py-0.5 text-green-900">
            {t("sourceKinds.certificate")}
          </span>
          {m.certificate ? (
            <span className="mt-1 block text-xs text-slate-600">{t("certificateFrom", { issuer: pick(m.certificate.issuer, locale) })}</span>
          ) : null}
        </>
      ) : (
        t(`sourceKinds.${m.source}`)
      ),
  }));

  return (
    <>
      <div className="relative hidden overflow-x-auto rounded-lg border border-slate-200 bg-white sm:block">
        <table className="w-full text-left text-sm md:text-base" data-testid="materials">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="w-[30%] px-3 py-2 font-semibold">
                {t("material")}
              </th>
              <th scope="col" className="w-[10rem] px-3 py-2 font-semibold">
                {t("source")}
              </th>
              <th scope="col" className="w-[8rem] px-3 py-2 font-semibold">
                {t("necessity")}
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t("legalBasis")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.m.key} className="border-t border-slate-100 align-top" data-material={r.m.key}>
                <th scope="row" className="px-3 py-2 font-medium">
                  {r.name}
                  {r.askedBy ? <span className="mt-1 block text-xs font-normal text-slate-600">{r.askedBy}</span> : null}
                </th>
                <td className="px-3 py-2">{r.source}</td>
                <td className="px-3 py-2">
                  {r.necessity}
                  {r.appliesWhen ? (
                    <span className="mt-1 block text-xs text-slate-700" data-testid={`applies-when-${r.m.key}`}>
                      {r.appliesWhen}
                    </span>
                  ) : null}
                  {r.stage ? <span className="mt-1 block text-xs text-slate-700">{r.stage}</span> : null}
                  {r.commitment ? (
                    <span className="mt-1 block text-xs text-brand-800" data-testid={`commitment-${r.m.key}`}>
                      {r.commitment}
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-slate-700">{r.m.legalBasis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-col gap-3 sm:hidden" data-testid="materials-list">
        {rows.map((r) => (
          <li key={r.m.key} className="rounded-lg border border-slate-200 bg-white p-3" data-material={r.m.key}>
            <p className="font-semibold">{r.name}</p>
            {r.askedBy ? <p className="text-xs text-slate-600">{r.askedBy}</p> : null}
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-600">{t("source")}</dt>
              <dd>{r.source}</dd>
              <dt className="text-slate-600">{t("necessity")}</dt>
              <dd>
                {r.necessity}
                {r.appliesWhen ? <span className="block text-xs text-slate-700">{r.appliesWhen}</span> : null}
                {r.stage ? <span className="block text-xs text-slate-700">{r.stage}</span> : null}
                {r.commitment ? <span className="block text-xs text-brand-800">{r.commitment}</span> : null}
              </dd>
              <dt className="text-slate-600">{t("legalBasis")}</dt>
              <dd className="text-slate-700">{r.m.legalBasis}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}

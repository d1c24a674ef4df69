import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { CertificateTypeAdmin } from "../views";

/** Every certificate type with what its certificates say: each field, its type and source, shared or not. */
export async function CertificateTypeTable({ types }: { types: CertificateTypeAdmin["types"] }) {
  const [t, locale] = await Promise.all([getTranslations("catalog.certificateTypes"), getLocale()]);
  const en = locale === "en";
  return (
    <ul className="flex flex-col gap-4" data-testid="certificate-types" aria-label={t("title")}>
      {types.map((type) => (
        <li key={type.code} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-lg font-semibold">
              {en ? type.nameEn : type.nameZh} <span className="font-mono text-sm font-normal break-all text-slate-600">{type.code}</span>
            </h2>
            <Link href={`/data-office/certificate-types?edit=${encodeURIComponent(type.code)}`} className="text-brand-700 underline">
              {t("editLink")}
              <span className="sr-only"> {en ? type.nameEn : type.nameZh}</span>
            </Link>
          </div>
          <p className="text-sm text-slate-700">
            {t("issuedByDepartment", { department: en ? type.issuerNameEn : type.issuerNameZh })} ·{" "}
            {type.validityYears ? t("validFor", { years: type.validityYears }) : t("noExpiry")}
            {type.identifies ? ` · ${t(`identitiesShort.${type.identifies}`)}` : ""}
            {type.issuedBy.length ? ` · ${t("issuedThrough", { services: type.issuedBy.map((s) => (en ? s.nameEn : s.nameZh)).join(en ? ", " : "、") })}` : ""}
          </p>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full min-w-[32rem] text-left text-sm">
              <caption className="sr-only">{t("fieldsOf", { name: en ? type.nameEn : type.nameZh })}</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className="px-2 py-1 whitespace-nowrap">
                    {t("fieldName")}
                  </th>
                  <th scope="col" className="px-2 py-1 whitespace-nowrap">
                    {t("fieldType")}
                  </th>
                  <th scope="col" className="px-2 py-1 whitespace-nowrap">
                    {t("source")}
                  </th>
                  <th scope="col" className="px-2 py-1 whitespace-nowrap">
                    {t("shared")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {type.fields.map((f) => (
                  <tr key={f.key} className="border-t border-slate-100">
                    <th scope="row" className="px-2 py-1 font-normal">
                      {en ? f.nameEn : f.nameZh} <span className="font-mono text-xs text-slate-600">{f.key}</span>
                    </th>
                    <td className="px-2 py-1">
                      {f.type === "number" && (en ? f.unitEn : f.unitZh) ? t("numberIn", { unit: (en ? f.unitEn : f.unitZh) ?? "" }) : t(`types.${f.type}`)}
                      {f.type === "enum" ? ` (${(f.options ?? []).map((o) => (en ? o.labelEn : o.labelZh)).join(en ? ", " : "、")})` : ""}
                    </td>
                    <td className="px-2 py-1">{"registry" in f.source ? t(`registry.${f.source.registry}`) : t("answerOf", { key: f.source.answer })}</td>
                    <td className="px-2 py-1">
                      {f.shared ? t("yes") : t("no")}
                      {f.printed === false ? ` · ${t("notPrinted")}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </li>
      ))}
    </ul>
  );
}

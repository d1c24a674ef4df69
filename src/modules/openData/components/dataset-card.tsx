import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { CellValue } from "../model";
import type { DatasetPreview } from "../preview-datasets";

const linkClass = "text-brand-700 underline underline-offset-2 hover:text-brand-800";

function cell(value: CellValue | undefined): string {
  return value === null || value === undefined ? "—" : String(value);
}

/** One dataset: what it is, who publishes it under which licence, its files, and its first rows. */
export async function DatasetCard({ preview }: { preview: DatasetPreview }) {
  const [t, locale, format] = await Promise.all([getTranslations("openData"), getLocale(), getFormatter()]);
  const { dataset, rows, totalRows } = preview;
  const en = locale === "en";
  const title = en ? dataset.titleEn : dataset.titleZh;
  const headingId = `dataset-${dataset.code}`;
  const captionId = `dataset-${dataset.code}-preview`;
  const caption = rows.length === 0 ? t("previewCaptionEmpty", { title }) : t("previewCaption", { title, shown: rows.length, total: totalRows });
  return (
    <section
      aria-labelledby={headingId}
      data-dataset={dataset.code}
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <div className="flex flex-col gap-1">
        <h3 id={headingId} className="text-xl font-semibold">
          {title}
        </h3>
        <p className="text-slate-700">{en ? dataset.descriptionEn : dataset.descriptionZh}</p>
      </div>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600">{t("publisher")}</dt>
        <dd className="mb-1 sm:mb-0">{en ? dataset.publisherEn : dataset.publisherZh}</dd>
        <dt className="text-slate-600">{t("updateFrequency")}</dt>
        <dd className="mb-1 sm:mb-0">{t(`frequency.${dataset.updateFrequency}`)}</dd>
        <dt className="text-slate-600">{t("licence")}</dt>
        <dd className="mb-1 sm:mb-0">
          <a href={dataset.licenceUrl} rel="license noopener" className={linkClass}>
            {dataset.licence}
          </a>
        </dd>
        <dt className="text-slate-600">{t("generatedAt")}</dt>
        <dd className="mb-1 sm:mb-0">{format.dateTime(new Date(preview.generatedAt), { dateStyle: "medium", timeStyle: "short" })}</dd>
        <dt className="text-slate-600">{t("formats")}</dt>
        <dd>
          <ul className="flex flex-wrap gap-2">
            {dataset.formats.map((f) => (
              <li key={f}>
                <a
                  href={`/api/open/datasets/${dataset.code}.${f}`}
                  download={f === "csv" ? `${dataset.code}.csv` : undefined}
                  type={f === "csv" ? "text/csv" : "application/json"}
                  data-testid={`download-${f}`}
                  // The visible words start the name (WCAG 2.5.3); the title tells the links apart.
                  aria-label={t("downloadLabel", { format: f.toUpperCase(), title })}
                  className="inline-block rounded border border-brand-700 px-3 py-1 font-medium text-brand-700 hover:bg-brand-50"
                >
                  {t("download", { format: f.toUpperCase() })}
                </a>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {/* Focusable so keyboard users can scroll a table wider than a phone. */}
      <div role="region" aria-labelledby={captionId} tabIndex={0} className="overflow-x-auto rounded border border-slate-200">
        <table className="w-full text-left text-sm">
          <caption id={captionId} className="bg-slate-50 px-3 py-2 text-left font-medium text-slate-800">
            {caption}
          </caption>
          <thead className="bg-slate-50">
            <tr>
              {dataset.columns.map((c) => (
                <th key={c.name} scope="col" className="min-w-28 border-t border-slate-200 px-3 py-2 align-bottom font-semibold">
                  {en ? c.labelEn : c.labelZh}
                  <span className="block font-mono text-xs font-normal text-slate-600">{c.name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr className="border-t border-slate-100">
                <td colSpan={dataset.columns.length} className="px-3 py-3 text-slate-700">
                  {t("noRows")}
                </td>
              </tr>
            ) : (
              rows.map((row, i) => (
                <tr key={i} className="border-t border-slate-100">
                  {dataset.columns.map((c) => (
                    <td key={c.name} className={`px-3 py-2 ${typeof row[c.name] === "number" ? "whitespace-nowrap tabular-nums" : "min-w-36"}`}>
                      {cell(row[c.name])}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

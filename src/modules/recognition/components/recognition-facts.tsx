import { getLocale, getTranslations } from "next-intl/server";
import { isRegionCode, regions } from "@/lib/regions";
import type { RecognitionView } from "../views";

/** An entry's facts: the issuing region and its certificate, the service, what it stands for, the legal basis, the validity (server component). */
export async function RecognitionFacts({ entry, showStatus = false }: { entry: RecognitionView; showStatus?: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("recognition"), getLocale()]);
  const en = locale === "en";
  const region = isRegionCode(entry.foreignRegion) ? (en ? regions[entry.foreignRegion].nameEn : regions[entry.foreignRegion].nameZh) : entry.foreignRegion;
  const rows: Array<[string, React.ReactNode]> = [
    [t("fields.region"), region],
    [
      t("fields.foreignType"),
      <span key="type">
        {en ? entry.foreignTypeNameEn : entry.foreignTypeNameZh} <code className="font-mono text-xs text-slate-600">{entry.foreignTypeCode}</code>
      </span>,
    ],
    [t("fields.service"), en ? entry.serviceNameEn : entry.serviceNameZh],
    [t("fields.localType"), en ? entry.localTypeNameEn : entry.localTypeNameZh],
    [t("fields.legalBasis"), entry.legalBasis],
    [t("fields.validity"), `${entry.validFrom} – ${entry.validUntil ?? t("openEnded")}`],
    ...(showStatus
      ? ([[t("fields.status"), entry.endedAt ? `${t(`status.${entry.status}`)}（${entry.endedAt.slice(0, 10)}）` : t(`status.${entry.status}`)]] as Array<
          [string, React.ReactNode]
        >)
      : []),
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-slate-700">{label}</dt>
          <dd className="mb-1 min-w-0 break-words text-slate-900 sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

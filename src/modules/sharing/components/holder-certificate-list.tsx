import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import type { listMyCertificates } from "../my-certificates";
import { calendarDate, CertificateStatusBadge, SupersededBy } from "./holder-certificate-status";

export type MyCertificate = Awaited<ReturnType<typeof listMyCertificates>>["certificates"][number];

/** The holder's certificates (我的证照), each with a link to its printable page. */
export async function CertificateList({ certificates }: { certificates: MyCertificate[] }) {
  const [t, locale, format] = await Promise.all([getTranslations("sharing.holder.certificates"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const day = (d: string) => format.dateTime(calendarDate(d), { dateStyle: "long" });
  if (certificates.length === 0) return <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>;
  return (
    <ul className="grid gap-4 md:grid-cols-2" aria-label={t("listLabel")} data-testid="my-certificates">
      {certificates.map((c) => {
        const typeName = en ? c.typeNameEn : c.typeNameZh;
        return (
          <li
            key={c.id}
            className={`flex flex-col gap-3 rounded-lg border bg-white p-4 shadow-sm ${c.status === "valid" ? "border-green-700" : "border-slate-300"}`}
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 className="text-lg font-semibold">{typeName}</h2>
              <CertificateStatusBadge status={c.status} supersededBy={c.supersededByNumber} />
            </div>
            <SupersededBy number={c.supersededByNumber} />
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
              <dt className="text-slate-600">{t("number")}</dt>
              <dd className="font-mono break-all">{c.number}</dd>
              <dt className="text-slate-600">{t("issuer")}</dt>
              <dd>{en ? c.issuerNameEn : c.issuerNameZh}</dd>
              <dt className="text-slate-600">{t("issuedOn")}</dt>
              <dd>{day(c.issuedOn)}</dd>
              <dt className="text-slate-600">{t("validity")}</dt>
              <dd>{c.validUntil ? t("validUntil", { date: day(c.validUntil) }) : t("permanent")}</dd>
              {c.shown.map((f) => (
                <div key={f.key} className="contents" data-field={f.key}>
                  <dt className="text-slate-600">{en ? f.nameEn : f.nameZh}</dt>
                  <dd className="break-words">{en ? f.valueEn : f.valueZh}</dd>
                </div>
              ))}
              {c.status === "revoked" && c.revocationReason ? (
                <>
                  <dt className="text-slate-600">{t("revocationReason")}</dt>
                  <dd className="text-red-900">{c.revocationReason}</dd>
                </>
              ) : null}
            </dl>
            <div>
              <Link
                href={`/applicant/certificates/${c.id}`}
                className="inline-block rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50"
              >
                {t("open")}
                <span className="sr-only">
                  {" "}
                  {typeName} {c.number}
                </span>
              </Link>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

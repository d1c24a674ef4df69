import { getTranslations } from "next-intl/server";
import type { CertificateStatus } from "../gate";

const tone: Record<CertificateStatus, string> = {
  valid: "bg-green-50 text-green-900 border-green-600",
  expired: "bg-amber-50 text-amber-900 border-amber-500",
  revoked: "bg-red-50 text-red-900 border-red-400",
};

/**
 * A certificate's status as words and colour; the words carry the meaning. A revoked certificate
 * that a reissue replaced (变更换发) reads as superseded, not withdrawn.
 */
export async function CertificateStatusBadge({ status, supersededBy = null }: { status: CertificateStatus; supersededBy?: string | null }) {
  const t = await getTranslations("sharing.holder.status");
  const superseded = status === "revoked" && supersededBy !== null;
  return (
    <span
      className={`inline-block rounded border px-2 py-0.5 text-sm font-medium ${superseded ? tone.expired : tone[status]}`}
      data-testid="certificate-status"
      data-status={superseded ? "superseded" : status}
    >
      {superseded ? t("superseded") : t(status)}
    </span>
  );
}

/** Which certificate replaced a superseded one, linked to its verification page. */
export async function SupersededBy({ number }: { number: string | null }) {
  if (!number) return null;
  const t = await getTranslations("sharing.holder.status");
  return (
    <p className="text-sm text-amber-950" data-testid="superseded-by">
      <a href={`/verify/${number}`} className="text-brand-700 underline">
        {t("supersededBy", { number })}
      </a>
    </p>
  );
}

/** A stored `YYYY-MM-DD` as a date of the Shanghai calendar, for formatting. */
export function calendarDate(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

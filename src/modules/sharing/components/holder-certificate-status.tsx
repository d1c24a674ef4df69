import { getTranslations } from "next-intl/server";
import type { CertificateStatus } from "../gate";

const tone: Record<CertificateStatus, string> = {
  valid: "bg-green-50 text-green-900 border-green-600",
  expired: "bg-amber-50 text-amber-900 border-amber-500",
  revoked: "bg-red-50 text-red-900 border-red-400",
};

/** A certificate's status as words and colour; the words carry the meaning. */
export async function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  const t = await getTranslations("sharing.holder.status");
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-sm font-medium ${tone[status]}`} data-testid="certificate-status" data-status={status}>
      {t(status)}
    </span>
  );
}

/** A stored `YYYY-MM-DD` as a date of the Shanghai calendar, for formatting. */
export function calendarDate(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

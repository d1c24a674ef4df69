import { getLocale, getTranslations } from "next-intl/server";
import type { ApplicationView } from "../views";

type Exchange = NonNullable<ApplicationView["materials"][number]["exchange"]>;

/**
 * 全程网办: how a certificate material stands with the applicant's region's node. Verified through
 * the exchange (with its issuer and number), or, when the node refused, was down or held none, the
 * uploaded file is a copy not verified, with the reason in words.
 */
export async function ExchangeNote({ exchange, uploaded }: { exchange: Exchange; uploaded: boolean }) {
  const [t, tx, locale] = await Promise.all([getTranslations("applications.foreign"), getTranslations("exchange"), getLocale()]);
  const en = locale === "en";
  const region = t(`region.${exchange.region as "beijing"}`);
  if (exchange.supplied) {
    return (
      <div className="mb-2 rounded border border-green-700 bg-green-50 p-2 text-sm text-green-900" data-testid="exchange-verified">
        <p className="font-semibold">{t("verified", { region })}</p>
        <p>{t("issuerLine", { issuer: (en ? exchange.issuerNameEn : exchange.issuerNameZh) ?? "", number: exchange.certificateNumber ?? "" })}</p>
        <p>{exchange.signatureValid ? t("signatureValid") : t("signatureInvalid")}</p>
      </div>
    );
  }
  if (!uploaded || exchange.outcome === "supplied") return null;
  const reason =
    exchange.outcome === "refused"
      ? tx(`refusal.${(exchange.reason ?? "malformed") as "malformed"}`)
      : exchange.outcome === "down"
        ? tx(`down.${(exchange.reason ?? "unreachable") as "unreachable"}`)
        : t(`notHeldReason.${exchange.reason === "notFound" || !exchange.reason ? "notFound" : "notUsable"}`);
  return (
    <div className="mb-2 rounded border border-amber-600 bg-amber-50 p-2 text-sm text-amber-900" data-testid="exchange-not-verified">
      <p className="font-semibold">{t("notVerified")}</p>
      <p>{t(`notVerifiedReason.${exchange.outcome as "down"}`, { region, reason })}</p>
    </div>
  );
}

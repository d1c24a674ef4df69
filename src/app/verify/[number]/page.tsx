import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { translateMessage } from "@/lib/message";
import { isRegionCode, regions } from "@/lib/regions";
import { VerificationResult } from "@/modules/sharing/components/holder-verification-result";
import { VerifyForm } from "@/modules/sharing/components/holder-verify-form";
import { ZCertificateNumber } from "@/modules/sharing/inputs";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing.holder.verify"))("title") };
}

type Params = Promise<{ number: string }>;
type SearchParams = Promise<{ region?: string | string[] }>;

/**
 * The public verification result of one certificate number; the QR code on a certificate leads
 * here, naming the issuing region (`?region=beijing`), so a certificate issued in another region
 * is verified through that region's node (issue 14).
 */
export default async function VerifyNumberPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [{ number: raw }, { region: regionParam }] = await Promise.all([params, searchParams]);
  const region = typeof regionParam === "string" && isRegionCode(regionParam) ? regionParam : null;
  const [t, tx, tAll, locale] = await Promise.all([
    getTranslations("sharing.holder.verify"),
    getTranslations("exchange.verify"),
    getTranslations(),
    getLocale(),
  ]);
  const en = locale === "en";
  const asked = safeDecode(raw);
  const parsed = ZCertificateNumber.safeParse(asked);
  const error = parsed.success
    ? undefined
    : translateMessage(
        Object.assign((key: string, p?: Record<string, string | number>) => tAll(key as never, p as never), { has: (key: string) => tAll.has(key as never) }),
        parsed.error.issues[0]?.message ?? "",
      );
  const result = parsed.success ? await (await api()).exchange.verify({ number: parsed.data, region }) : null;
  const view = result?.status === "found" ? result.view : null;
  const through = result?.status === "found" ? result.through : null;
  const placeName = (p: { kind: "peer" | "department"; code: string; nameZh: string; nameEn: string }) =>
    p.kind === "peer" ? tx("peerName", { region: en ? (isRegionCode(p.code) ? regions[p.code].nameEn : p.nameEn) : p.nameZh }) : en ? p.nameEn : p.nameZh;
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")} />
      {view && through ? (
        <div
          role="note"
          className="rounded-lg border border-brand-700 bg-brand-50 p-4 text-slate-900"
          data-testid="verified-through"
          data-region={through.code}
        >
          <p className="font-semibold">
            {through.kind === "peer"
              ? tx("through", { region: en ? through.nameEn : through.nameZh })
              : tx("throughDepartment", { name: en ? through.nameEn : through.nameZh })}
          </p>
          <p className="text-sm">{tx("throughLead")}</p>
        </div>
      ) : null}
      {view ? (
        <VerificationResult view={view} />
      ) : result?.status === "unavailable" ? (
        <div role="status" className="rounded-lg border border-amber-700 bg-amber-50 p-4 text-amber-950" data-testid="verify-unavailable">
          <p className="font-semibold">{capitalise(tx("unavailable", { names: result.unreachable.map(placeName).join(en ? ", " : "、") }))}</p>
          <p className="text-sm">{tx("unavailableHint")}</p>
        </div>
      ) : parsed.success ? (
        <div role="status" className="rounded-lg border border-seal-600 bg-red-50 p-4 text-seal-600" data-testid="verify-not-found">
          <p className="font-semibold">{t("notFound")}</p>
          <p className="text-sm">{t("notFoundHint")}</p>
        </div>
      ) : null}
      <Card>
        {view ? <h2 className="mb-3 text-lg font-semibold">{t("again")}</h2> : null}
        <VerifyForm defaultNumber={view ? "" : asked} error={error} />
      </Card>
      {view ? null : (
        <p>
          <a href="/api/open/department-keys" className="text-sm text-brand-700 underline">
            {t("keys")}
          </a>
        </p>
      )}
    </div>
  );
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

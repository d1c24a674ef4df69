import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { translateServerMessage } from "@/i18n/messages";
import { ZCertificateNumber } from "@/modules/sharing/inputs";
import { CertificateLookup } from "@/modules/sharing/components/office/certificate-lookup";
import { KeyTable } from "@/modules/sharing/components/office/key-table";
import { OfficeNav } from "@/modules/sharing/components/office/office-nav";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";
import type { Locale } from "@/i18n/locales";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing.office.certificates"))("title") };
}

type Search = Promise<{ number?: string | string[] }>;

export default async function CertificatesPage({ searchParams }: { searchParams: Search }) {
  await requireRole(["dataOffice"], "/data-office/certificates");
  const search = await searchParams;
  const raw = typeof search.number === "string" ? search.number.trim() : "";
  const [t, locale] = await Promise.all([getTranslations("sharing.office.certificates"), getLocale()]);
  // The number is checked with the procedure's own schema; only a well-formed one is looked up.
  const parsed = raw ? ZCertificateNumber.safeParse(raw) : null;
  const error = parsed && !parsed.success ? translateServerMessage(locale as Locale, parsed.error.issues[0]?.message ?? "errors.invalidInput") : null;
  const caller = await api();
  const [view, keys] = await Promise.all([parsed?.success ? caller.sharing.verify({ number: parsed.data }) : undefined, caller.sharing.publicKeys()]);
  return (
    <div className="flex flex-col gap-6">
      <OfficeNav current="certificates" />
      <PageHeader title={t("title")} lead={t("lead")} />
      <CertificateLookup action="/data-office/certificates" number={raw} error={error} view={view} />
      <KeyTable keys={keys} />
    </div>
  );
}

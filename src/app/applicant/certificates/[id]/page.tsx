import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PrintButton } from "@/modules/sharing/components/holder-print-button";
import { PrintableCertificateCard } from "@/modules/sharing/components/holder-printable-certificate";
import { ObjectionForm } from "@/modules/sharing/components/objection-form";
import { requireHolder } from "@/server/auth/guard";
import { env } from "@/server/env";
import { api } from "@/trpc/server";
import "./print.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing.holder.printable"))("kicker") };
}

type Params = Promise<{ id: string }>;

/** The portal's own origin as the browser reached it, for the absolute URL in the QR code. */
async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = (h.get("x-forwarded-host") ?? h.get("host") ?? "").split(",")[0]?.trim() ?? "";
  const proto = (h.get("x-forwarded-proto") ?? "http").split(",")[0]?.trim();
  // A host header is the client's to set: only a plain host[:port] goes into a printed QR code.
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return "http://localhost:3000";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

// The site header and footer are the layout's; hide them on paper so only the certificate prints.

/** The printable electronic certificate (电子证照) of the signed-in holder. */
export default async function CertificatePage({ params }: { params: Params }) {
  const { id } = await params;
  await requireHolder(`/applicant/certificates/${id}`);
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const certificate = await (await api()).sharing.myCertificate({ id }).catch((error: unknown) => {
    // Not the holder's, or no such certificate: the same answer, so nothing leaks.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });
  if (!certificate) notFound();
  const [t, locale] = await Promise.all([getTranslations("sharing.holder"), getLocale()]);
  // The issuing region rides along, so the QR code scanned on another region's node is verified through this one.
  const verifyUrl = `${await requestOrigin()}/verify/${certificate.number}?region=${env().REGION}`;
  return (
    <div className="flex flex-col gap-4" data-print-certificate>
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href="/applicant/certificates" className="text-brand-700 underline">
          {t("certificates.back")}
        </Link>
        <div className="flex items-center gap-3">
          <p className="hidden text-sm text-slate-600 sm:block">{t("printable.printHint")}</p>
          <PrintButton />
        </div>
      </div>
      <PrintableCertificateCard certificate={certificate} verifyUrl={verifyUrl} />
      {certificate.status === "valid" && certificate.shown.length > 0 ? (
        <ObjectionForm
          number={certificate.number}
          as="holder"
          idPrefix="objection"
          fields={certificate.shown.map((f) => ({ key: f.key, label: locale === "en" ? f.nameEn : f.nameZh }))}
        />
      ) : null}
    </div>
  );
}

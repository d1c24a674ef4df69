import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AcceptanceReceipt } from "@/modules/applications/components/acceptance-receipt";
import { PrintButton } from "@/modules/sharing/components/holder-print-button";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";
import "./print.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("applications.receipt"))("heading") };
}

type Params = Promise<{ applicationId: string }>;

/** 收件回执: the printable receipt the window hands the applicant. */
export default async function ReceiptPage({ params }: { params: Params }) {
  const { applicationId } = await params;
  const actor = await requireRole(["windowClerk"], `/window/${applicationId}/receipt`);
  if (!/^[0-9a-f-]{36}$/.test(applicationId)) notFound();
  const app = await (await api()).applications.get({ applicationId }).catch(() => null);
  // A draft has not been received: it has no receipt.
  if (!app?.submittedAt) notFound();
  const t = await getTranslations("applications.receipt");
  return (
    <div className="flex flex-col gap-4" data-print-receipt>
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href={`/window/${app.id}`} className="text-brand-700 underline">
          {t("back")}
        </Link>
        <PrintButton />
      </div>
      <AcceptanceReceipt application={app} clerk={actor.displayName} printedAt={new Date()} />
    </div>
  );
}

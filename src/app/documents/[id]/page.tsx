import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requestOrigin } from "@/app/_shell/request-origin";
import { PrintableDocument } from "@/modules/documents/components/printable-document";
import { PrintButton } from "@/modules/sharing/components/holder-print-button";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";
import "./print.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("documents.list"))("title") };
}

type Params = Promise<{ id: string }>;

/** A case document, printable, for the case's applicant and the staff who may see the case. */
export default async function CaseDocumentPage({ params }: { params: Params }) {
  const { id } = await params;
  const actor = await requireRole(["enterprise", "citizen", "windowClerk", "reviewer"], `/documents/${id}`);
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const document = await (await api()).documents.get({ documentId: id }).catch((error: unknown) => {
    // Not a case the reader may see, or no such document: the same answer.
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });
  if (!document) notFound();
  const t = await getTranslations("documents.print");
  const back =
    actor.role === "windowClerk" ? `/window/${document.applicationId}` : actor.role === "reviewer" ? "/review" : `/applications/${document.applicationId}`;
  const verifyUrl = `${await requestOrigin()}/verify/documents/${document.number}`;
  return (
    <div className="flex flex-col gap-4" data-print-document>
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href={back} className="text-brand-700 underline">
          {t("back")}
        </Link>
        <PrintButton />
      </div>
      <PrintableDocument document={document} verifyUrl={verifyUrl} />
    </div>
  );
}

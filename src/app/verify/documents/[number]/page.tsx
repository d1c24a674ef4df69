import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { translateMessage } from "@/lib/message";
import { DocumentVerification, DocumentVerifyForm } from "@/modules/documents/components/document-verification";
import { ZDocumentNumber } from "@/modules/documents/inputs";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("documents.verify"))("title") };
}

type Params = Promise<{ number: string }>;

/** The public verification of a case document by its number; the QR code on the print leads here. */
export default async function VerifyDocumentPage({ params }: { params: Params }) {
  const { number: raw } = await params;
  const [t, tAll] = await Promise.all([getTranslations("documents.verify"), getTranslations()]);
  const asked = safeDecode(raw);
  const parsed = ZDocumentNumber.safeParse(asked);
  const error = parsed.success
    ? undefined
    : translateMessage(
        Object.assign((key: string, p?: Record<string, string | number>) => tAll(key as never, p as never), { has: (key: string) => tAll.has(key as never) }),
        parsed.error.issues[0]?.message ?? "",
      );
  const view = parsed.success ? await (await api()).documents.verify({ number: parsed.data }) : null;
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")} />
      {view ? (
        <DocumentVerification view={view} />
      ) : parsed.success ? (
        <div role="status" className="rounded-lg border border-seal-600 bg-red-50 p-4 text-seal-600" data-testid="document-not-found">
          <p className="font-semibold">{t("notFound")}</p>
          <p className="text-sm">{t("notFoundHint")}</p>
        </div>
      ) : null}
      <Card>
        <DocumentVerifyForm defaultNumber={view ? "" : asked} error={error} />
      </Card>
      <p>
        <a href="/api/open/department-keys" className="text-sm text-brand-700 underline">
          {t("keys")}
        </a>
      </p>
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

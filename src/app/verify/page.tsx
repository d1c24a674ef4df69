import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { documentNumberPattern } from "@/modules/documents/model";
import { VerifyForm } from "@/modules/sharing/components/holder-verify-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing.holder.verify"))("title") };
}

type Search = Promise<{ number?: string }>;

/**
 * Public verification (证照核验, 文书核验): a GET form that goes on to /verify/{number} for a
 * certificate, or /verify/documents/{number} for a case document's number.
 */
export default async function VerifyPage({ searchParams }: { searchParams: Search }) {
  const { number } = await searchParams;
  const trimmed = number?.trim() ?? "";
  if (trimmed && documentNumberPattern.test(trimmed)) redirect(`/verify/documents/${encodeURIComponent(trimmed)}`);
  if (trimmed) redirect(`/verify/${encodeURIComponent(trimmed)}`);
  const t = await getTranslations("sharing.holder.verify");
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card>
        <VerifyForm />
      </Card>
    </div>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { Card, PageHeader } from "@/components/page-header";
import { PublicRecords } from "@/modules/credit/components/public-records";
import { ZCreditCodeRef } from "@/modules/credit/inputs";
import { publicCreditProfile } from "@/modules/credit/profile";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("credit.public"))("title") };
}

/** An enterprise's public credit page: the records inside their publication periods (enterprises only). */
export default async function PublicCreditPage({ params }: { params: Promise<{ code: string }> }) {
  const parsed = ZCreditCodeRef.safeParse({ code: decodeURIComponent((await params).code) });
  if (!parsed.success) notFound();
  const [t, profile] = await Promise.all([getTranslations("credit.public"), publicCreditProfile(await getDb(), parsed.data.code)]);
  if (!profile) notFound();
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("heading", { name: profile.name })} lead={t("code", { code: profile.creditCode })} />
      <p className="text-sm text-slate-700">{t("lead")}</p>
      {profile.records.length === 0 ? <EmptyState title={t("empty")} /> : <PublicRecords records={profile.records} />}
      <Card>
        <p className="text-sm text-slate-700">{t("api", { path: `/api/open/credit/${profile.creditCode}` })}</p>
      </Card>
    </div>
  );
}

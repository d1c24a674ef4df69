import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { SnapshotNowButton } from "@/modules/serviceIndex/components/snapshot-now-button";
import { requireRole } from "@/server/auth/guard";
import { DemoNotice } from "@/components/demo-notice";
import { hasDemoHistory } from "@/modules/applications/demo-data";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("serviceIndex.office"))("title") };
}

/** The data office computes the service index on demand; the public pages show it. */
export default async function DataOfficeServiceIndexPage() {
  await requireRole(["dataOffice"], "/data-office/service-index");
  const [t, tBack] = await Promise.all([getTranslations("serviceIndex.office"), getTranslations("review.templates")]);
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/data-office" className="text-brand-700 underline">
          {tBack("back")}
        </Link>
      </p>
      <PageHeader title={t("title")} lead={t("lead")}>
        <div className="flex flex-wrap gap-4">
          <Link href="/service-index" className="text-brand-700 underline underline-offset-2">
            {t("view")}
          </Link>
          <Link href="/service-index/methodology" className="text-brand-700 underline underline-offset-2">
            {t("methodology")}
          </Link>
        </div>
      </PageHeader>
      <DemoNotice show={await hasDemoHistory(await getDb())} />
      <Card>
        <SnapshotNowButton />
      </Card>
    </div>
  );
}

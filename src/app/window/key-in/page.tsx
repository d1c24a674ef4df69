import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { KeyInForm } from "@/modules/identity/components/key-in-form";
import { requireRole } from "@/server/auth/guard";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("identity.keyIn"))("title") };
}

/** 窗口代录入: the window applies for a walk-in applicant, with their consent recorded. */
export default async function KeyInPage() {
  await requireRole(["windowClerk"], "/window/key-in");
  const t = await getTranslations("identity.keyIn");
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card>
        <KeyInForm />
      </Card>
    </div>
  );
}

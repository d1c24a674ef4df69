import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("register"))("title") };
}

export default async function RegisterPage() {
  const t = await getTranslations("register");
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("title")} lead={t("lead")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <h2 className="text-xl font-semibold">{t("enterpriseTitle")}</h2>
          <p className="mt-2 text-slate-700">{t("enterpriseLead")}</p>
          <Link href="/register/enterprise" className="mt-4 inline-block rounded bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
            {t("enterpriseCta")}
          </Link>
        </Card>
        <Card>
          <h2 className="text-xl font-semibold">{t("citizenTitle")}</h2>
          <p className="mt-2 text-slate-700">{t("citizenLead")}</p>
          <Link href="/register/citizen" className="mt-4 inline-block rounded bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
            {t("citizenCta")}
          </Link>
        </Card>
      </div>
    </div>
  );
}

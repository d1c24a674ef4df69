import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { RegisterEnterpriseForm } from "@/modules/identity/components/register-enterprise-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("register"))("enterpriseTitle") };
}

export default async function RegisterEnterprisePage() {
  const t = await getTranslations("register");
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("enterpriseTitle")} lead={t("enterpriseLead")} />
      <Card>
        <RegisterEnterpriseForm />
      </Card>
    </div>
  );
}

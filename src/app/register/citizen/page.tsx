import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { RegisterCitizenForm } from "@/modules/identity/components/register-citizen-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("register"))("citizenTitle") };
}

export default async function RegisterCitizenPage() {
  const t = await getTranslations("register");
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("citizenTitle")} lead={t("citizenLead")} />
      <Card>
        <RegisterCitizenForm />
      </Card>
    </div>
  );
}

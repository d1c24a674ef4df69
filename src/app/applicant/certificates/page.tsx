import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { CertificateList } from "@/modules/sharing/components/holder-certificate-list";
import { requireHolder } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing.holder.certificates"))("title") };
}

/** 我的证照: the certificates government issued to the signed-in holder. */
export default async function MyCertificatesPage() {
  await requireHolder("/applicant/certificates");
  const t = await getTranslations("sharing.holder.certificates");
  const mine = await (await api()).sharing.myCertificates();
  return (
    <div className="flex flex-col gap-2">
      <PageHeader title={t("title")} lead={t("lead")} />
      <p className="text-slate-800">
        {t("holder", { name: mine.holder.name })}{" "}
        <span className="font-mono" data-testid="holder-code">
          {mine.holder.code}
        </span>
      </p>
      <CertificateList certificates={mine.certificates} />
    </div>
  );
}

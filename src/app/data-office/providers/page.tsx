import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ProviderHealthList } from "@/modules/exchange/components/provider-health-list";
import { OfficeNav } from "@/modules/sharing/components/office/office-nav";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exchange.providers"))("title") };
}

/** The data office watches where certificates come from: each provider's state, last success and failure, error rate, latency. */
export default async function ProvidersPage() {
  await requireRole(["dataOffice"], "/data-office/providers");
  const [t, providers] = await Promise.all([getTranslations("exchange.providers"), (await api()).exchange.providerHealth()]);
  return (
    <div className="flex flex-col gap-6">
      <OfficeNav current="providers" />
      <PageHeader title={t("title")} lead={t("lead")} />
      <ProviderHealthList providers={providers} />
    </div>
  );
}

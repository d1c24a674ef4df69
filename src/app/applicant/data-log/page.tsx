import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { HolderConsents } from "@/modules/sharing/components/holder-consents";
import { DataLogList, PublicVerificationCounts } from "@/modules/sharing/components/holder-data-log";
import { ObjectionList } from "@/modules/sharing/components/objection-list";
import { requireHolder } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing.holder.dataLog"))("title") };
}

type Search = Promise<{ page?: string; own?: string }>;

/** The holder's data log (数据使用记录): every read of their data; `?own=1` includes their own reads. */
export default async function DataLogPage({ searchParams }: { searchParams: Search }) {
  await requireHolder("/applicant/data-log");
  const [t, to, params] = await Promise.all([getTranslations("sharing.holder.dataLog"), getTranslations("sharing.objections.ui"), searchParams]);
  const requested = Number.parseInt(params.page ?? "1", 10);
  const page = Number.isFinite(requested) ? Math.min(Math.max(requested, 1), 10_000) : 1;
  const includeOwn = params.own === "1";
  const caller = await api();
  const [log, verifications, consents, objections] = await Promise.all([
    caller.sharing.dataLog({ page, includeOwn }),
    caller.sharing.publicVerifications(),
    caller.sharing.myConsents(),
    caller.sharing.myObjections(),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <PageHeader title={t("title")} lead={t("lead")} />
        <DataLogList log={log} includeOwn={includeOwn} />
      </div>
      <HolderConsents consents={consents} />
      <section aria-labelledby="objections-heading" className="flex flex-col gap-3" data-testid="my-objections">
        <h2 id="objections-heading" className="text-xl font-semibold">
          {to("myTitle")}
        </h2>
        <p className="text-slate-700">{to("myLead")}</p>
        <ObjectionList objections={objections} empty={to("myEmpty")} />
      </section>
      <PublicVerificationCounts rows={verifications} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ObjectionForm, RepairForm } from "@/modules/credit/components/credit-forms";
import { RecordCard } from "@/modules/credit/components/record-card";
import { requireHolder } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("credit.mine"))("title") };
}

/** 我的信用记录: the subject's whole credit profile, every version, with objection and repair. */
export default async function MyCreditPage() {
  await requireHolder("/applicant/credit");
  const [t, tc, caller] = await Promise.all([getTranslations("credit.mine"), getTranslations("credit"), api()]);
  const mine = await caller.credit.mine();
  const objectionsOf = (recordId: string) => mine.objections.filter((o) => o.recordId === recordId);
  const repairsOf = (recordId: string) => mine.repairs.filter((r) => r.recordId === recordId);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} lead={t("intro")}>
        {mine.publicCode ? (
          <Link href={`/credit/${mine.publicCode}`} className="text-brand-700 underline">
            {t("publicLink")}
          </Link>
        ) : null}
      </PageHeader>
      <p>{t("subject", { name: mine.subjectName })}</p>
      <section aria-labelledby="records-heading" className="flex flex-col gap-3">
        <h2 id="records-heading" className="text-xl font-semibold">
          {t("records")}
        </h2>
        {mine.records.length === 0 ? (
          <EmptyState title={t("empty")} />
        ) : (
          <ul className="flex flex-col gap-4" data-testid="my-credit-records">
            {mine.records.map((r) => (
              <li key={r.id}>
                <RecordCard record={r}>
                  {objectionsOf(r.id).map((o) => (
                    <div key={o.id} className="rounded border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="objection">
                      <p className="font-medium">
                        {t("objections")} · {tc(`status.objection.${o.status}`)} · {t("filedOn", { date: o.filedOn })} · {t("dueOn", { dueOn: o.dueOn })}
                        {o.late ? ` · ${t("late")}` : ""}
                      </p>
                      <p className="whitespace-pre-wrap">{o.reason}</p>
                      {o.answer ? <p className="whitespace-pre-wrap">{t("answer", { answer: o.answer })}</p> : null}
                    </div>
                  ))}
                  {repairsOf(r.id).map((x) => (
                    <div key={x.id} className="rounded border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="repair">
                      <p className="font-medium">
                        {t("repairs")} · {tc(`status.repair.${x.status}`)} · {t("appliedOn", { date: x.appliedOn })} · {t("dueOn", { dueOn: x.dueOn })}
                        {x.late ? ` · ${t("late")}` : ""}
                      </p>
                      <p className="whitespace-pre-wrap">{x.reason}</p>
                      {x.decisionReason ? <p className="whitespace-pre-wrap">{t("decision", { reason: x.decisionReason })}</p> : null}
                    </div>
                  ))}
                  {r.status === "active" ? (
                    <div className="grid gap-3 lg:grid-cols-2">
                      {r.hasOpenObjection ? <p className="font-medium text-amber-900">{t("openObjection")}</p> : <ObjectionForm recordId={r.id} />}
                      {r.hasOpenRepair ? (
                        <p className="font-medium text-amber-900">{t("openRepair")}</p>
                      ) : r.repairBlock === null ? (
                        <RepairForm recordId={r.id} />
                      ) : null}
                    </div>
                  ) : null}
                </RecordCard>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

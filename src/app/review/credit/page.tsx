import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { AnswerObjectionForm, DecideRepairForm, RecordCreditForm } from "@/modules/credit/components/credit-forms";
import { RecordCard } from "@/modules/credit/components/record-card";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("credit.department"))("title") };
}

/** The department's credit page: record penalties and listings; answer objections and repairs within 5 working days. */
export default async function ReviewCreditPage() {
  await requireRole(["reviewer"], "/review/credit");
  const [t, tc, tBack, caller] = await Promise.all([getTranslations("credit.department"), getTranslations("credit"), getTranslations("landing"), api()]);
  const work = await caller.credit.department();
  const due = (dueOn: string, late: boolean) => (
    <span className={late ? "font-semibold text-seal-600" : ""}>
      {t("dueOn", { dueOn })}
      {late ? ` · ${t("late")}` : ""}
    </span>
  );
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/review" className="text-brand-700 underline">
          {tBack("review.title")}
        </Link>
      </p>
      <PageHeader title={t("title")} lead={t("intro")} />
      <section aria-labelledby="objections-heading" className="flex flex-col gap-3">
        <h2 id="objections-heading" className="text-xl font-semibold">
          {t("objectionsTitle")}
        </h2>
        {work.objections.length === 0 ? (
          <EmptyState title={t("emptyObjections")} />
        ) : (
          <ul className="flex flex-col gap-4" data-testid="department-objections">
            {work.objections.map((o) => (
              <li key={o.id} className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" data-status={o.status}>
                <p className="font-medium">
                  {tc(`status.objection.${o.status}`)} · {due(o.dueOn, o.late)}
                </p>
                <p className="whitespace-pre-wrap">{t("reason", { reason: o.reason })}</p>
                <RecordCard record={o.record} />
                {o.status === "open" ? (
                  <AnswerObjectionForm objectionId={o.id} version={o.version} />
                ) : o.answer ? (
                  <p className="whitespace-pre-wrap">{o.answer}</p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="repairs-heading" className="flex flex-col gap-3">
        <h2 id="repairs-heading" className="text-xl font-semibold">
          {t("repairsTitle")}
        </h2>
        {work.repairs.length === 0 ? (
          <EmptyState title={t("emptyRepairs")} />
        ) : (
          <ul className="flex flex-col gap-4" data-testid="department-repairs">
            {work.repairs.map((r) => (
              <li key={r.id} className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" data-status={r.status}>
                <p className="font-medium">
                  {tc(`status.repair.${r.status}`)} · {due(r.dueOn, r.late)}
                </p>
                <p className="whitespace-pre-wrap">{t("reason", { reason: r.reason })}</p>
                <RecordCard record={r.record} />
                {r.status === "applied" ? (
                  <DecideRepairForm repairId={r.id} version={r.version} />
                ) : r.decisionReason ? (
                  <p className="whitespace-pre-wrap">{r.decisionReason}</p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="record-heading" className="flex flex-col gap-3">
        <h2 id="record-heading" className="text-xl font-semibold">
          {t("recordTitle")}
        </h2>
        <RecordCreditForm />
      </section>
      <section aria-labelledby="recorded-heading" className="flex flex-col gap-3">
        <h2 id="recorded-heading" className="text-xl font-semibold">
          {t("recordedTitle")}
        </h2>
        {work.recorded.length === 0 ? (
          <EmptyState title={t("emptyRecorded")} />
        ) : (
          <ul className="flex flex-col gap-4" data-testid="department-recorded">
            {work.recorded.map((r) => (
              <li key={r.id}>
                <RecordCard record={r} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

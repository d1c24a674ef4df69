import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { VerificationForm } from "@/modules/commitments/components/verification-form";
import { isOpenVerification } from "@/modules/commitments/model";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("commitments.page"))("title") };
}

/** The verifying department's commitments (告知承诺核查): open tasks first, each with its result form. */
export default async function ReviewVerificationsPage() {
  await requireRole(["reviewer"], "/review/verifications");
  const [t, ts, tm, tBack, locale, caller] = await Promise.all([
    getTranslations("commitments.page"),
    getTranslations("commitments.status"),
    getTranslations("catalog.commitmentMethods"),
    getTranslations("landing"),
    getLocale(),
    api(),
  ]);
  const en = locale === "en";
  const tasks = await caller.commitments.department();
  const open = tasks.filter((v) => isOpenVerification(v.status));
  const decided = tasks.filter((v) => !isOpenVerification(v.status));
  const card = (v: (typeof tasks)[number]) => (
    <li
      key={v.id}
      className="flex min-w-0 flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4"
      data-testid={`verification-${v.id}`}
      data-status={v.status}
    >
      <p className="font-medium">
        {en ? v.materialNameEn : v.materialNameZh} · {ts(v.status)}
      </p>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="text-slate-600">{t("application")}</dt>
        <dd className="break-words">
          {v.trackingNumber ?? "—"} {en ? v.titleEn : v.titleZh}
        </dd>
        <dt className="text-slate-600">{t("applicant")}</dt>
        <dd>{v.subjectName}</dd>
        <dt className="text-slate-600">{t("method")}</dt>
        <dd>{tm(v.method)}</dd>
        <dt className="text-slate-600">{t("due")}</dt>
        <dd className={v.overdue ? "font-semibold text-seal-600" : ""}>
          {v.dueOn}
          {v.overdue ? ` · ${t("overdue")}` : ""}
        </dd>
        {v.finding ? (
          <>
            <dt className="text-slate-600">{t("finding")}</dt>
            <dd className="whitespace-pre-wrap">{v.finding}</dd>
          </>
        ) : null}
      </dl>
      {isOpenVerification(v.status) ? <VerificationForm verificationId={v.id} version={v.version} /> : null}
    </li>
  );
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/review" className="text-brand-700 underline">
          {tBack("review.title")}
        </Link>
      </p>
      <PageHeader title={t("title")} lead={t("lead")} />
      <section aria-labelledby="verifications-open" className="flex flex-col gap-3">
        <h2 id="verifications-open" className="text-xl font-semibold">
          {t("open", { count: open.length })}
        </h2>
        {open.length === 0 ? <EmptyState title={t("none")} /> : <ul className="flex flex-col gap-4">{open.map(card)}</ul>}
      </section>
      {decided.length > 0 ? (
        <section aria-labelledby="verifications-decided" className="flex flex-col gap-3">
          <h2 id="verifications-decided" className="text-xl font-semibold">
            {t("decided")}
          </h2>
          <ul className="flex flex-col gap-4">{decided.map(card)}</ul>
        </section>
      ) : null}
    </div>
  );
}

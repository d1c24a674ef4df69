import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { shanghaiDate } from "@/lib/dates";
import { SubstituteForm } from "@/modules/review/components/substitute-form";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review.ops.substitutes"))("title") };
}

/** 代岗: the head of a department names substitutes for absent reviewers and sees those not yet ended. */
export default async function SubstitutesPage() {
  const actor = await requireRole(["reviewer"], "/review/substitutes");
  if (actor.departmentHead !== true) redirect("/review");
  const caller = await api();
  const [t, rows, reviewers] = await Promise.all([getTranslations("review.ops.substitutes"), caller.review.substitutes(), caller.review.departmentReviewers()]);
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/review" className="text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
      <PageHeader title={t("title")} lead={t("lead")} />
      <section aria-labelledby="substitutes-heading" className="flex flex-col gap-3">
        <h2 id="substitutes-heading" className="text-xl font-semibold">
          {t("current")}
        </h2>
        {rows.length === 0 ? (
          <EmptyState title={t("empty")} />
        ) : (
          <ul className="flex flex-col gap-2" data-testid="substitutes">
            {rows.map((r) => (
              <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="font-medium">{t("row", { absent: r.absentName, substitute: r.substituteName })}</p>
                <p className="text-slate-700">
                  {t("range", { startsOn: r.startsOn, endsOn: r.endsOn })}
                  {r.inForce ? <span className="ml-2 rounded bg-emerald-50 px-2 py-0.5 text-sm text-emerald-800">{t("inForce")}</span> : null}
                </p>
                <p className="text-slate-700">{t("reasonValue", { reason: r.reason })}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="substitute-form-heading" className="flex flex-col gap-3">
        <h2 id="substitute-form-heading" className="sr-only">
          {t("legend")}
        </h2>
        <SubstituteForm reviewers={reviewers} today={shanghaiDate(new Date())} />
      </section>
    </div>
  );
}

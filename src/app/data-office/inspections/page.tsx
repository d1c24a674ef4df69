import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { PlanFacts } from "@/modules/inspections/components/plan-facts";
import { CreatePlanForm, DrawPlanForm } from "@/modules/inspections/components/plan-forms";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inspections.office"))("title") };
}

/** The data office's inspection plans: create one (published with its seed), draw a published one. */
export default async function DataOfficeInspectionsPage() {
  await requireRole(["dataOffice"], "/data-office/inspections");
  const [t, tl, caller] = await Promise.all([getTranslations("inspections"), getTranslations("landing"), api()]);
  const [options, plans] = await Promise.all([caller.inspections.options(), caller.inspections.list()]);
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href="/data-office" className="text-brand-700 underline">
          {tl("dataOffice.title")}
        </Link>
      </p>
      <PageHeader title={t("office.title")} lead={t("office.intro")} />
      <CreatePlanForm departments={options.departments} services={options.services} />
      <section aria-labelledby="plans-heading" className="flex flex-col gap-3">
        <h2 id="plans-heading" className="text-xl font-semibold">
          {t("office.plansTitle")}
        </h2>
        {plans.length === 0 ? (
          <EmptyState title={t("office.empty")} />
        ) : (
          <ul className="flex flex-col gap-4" data-testid="office-plans">
            {plans.map((p) => (
              <li key={p.id} className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" data-plan={p.id} data-status={p.status}>
                <h3 className="text-lg font-semibold">
                  <Link href={`/inspections/${p.id}`} className="text-brand-700 underline">
                    {p.title}
                  </Link>
                </h3>
                <PlanFacts plan={p} />
                {p.status === "published" ? <DrawPlanForm planId={p.id} version={p.version} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

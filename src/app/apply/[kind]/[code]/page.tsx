import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ApplyForm } from "@/modules/applications/components/apply-form";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("applications.apply"))("title") };
}

type Params = Promise<{ kind: string; code: string }>;
type Search = Promise<{ key?: string }>;

export default async function ApplyPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { kind, code } = await params;
  if (kind !== "service" && kind !== "bundle") notFound();
  const here = `/apply/${kind}/${encodeURIComponent(code)}`;
  await requireRole(["enterprise", "citizen"], here);
  const { key } = await searchParams;
  // The form's idempotency key lives in the URL, so a reload keeps the draft and a double
  // submission makes one application.
  if (!key || !/^[0-9a-f-]{36}$/.test(key)) redirect(`${here}?key=${randomUUID()}`);

  const caller = await api();
  const plan = await caller.catalog.plan({ kind, code }).catch(() => null);
  if (!plan) notFound();
  const [prefill, draft, t, locale] = await Promise.all([
    caller.applications.prefill({ kind, code }),
    caller.applications.draft({ idempotencyKey: key }),
    getTranslations("applications.apply"),
    getLocale(),
  ]);
  // 告知承诺: told before submitting when the applicant may not commit (the server checks again).
  const commitmentExcluded = plan.materials.some((m) => m.commitment) ? (await caller.commitments.eligibility()).excluded : null;
  const title = locale === "en" ? plan.nameEn : plan.nameZh;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title={t("heading", { title })} lead={t("lead")} />
      <ApplyForm
        plan={plan}
        prefill={prefill}
        draft={draft}
        idempotencyKey={key}
        commitmentExcluded={commitmentExcluded ? `commitments.exclusion.${commitmentExcluded}` : null}
      />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { currentActor } from "@/server/auth/actor";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

type Params = Promise<{ kind: string; code: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { kind, code } = await params;
  if (kind !== "service" && kind !== "bundle") return {};
  const guide = await (await api()).catalog.guide({ kind, code }).catch(() => null);
  const en = (await getLocale()) === "en";
  return { title: guide ? (en ? guide.nameEn : guide.nameZh) : undefined };
}

export default async function GuidePage({ params }: { params: Params }) {
  const { kind, code } = await params;
  if (kind !== "service" && kind !== "bundle") notFound();
  const guide = await (await api()).catalog.guide({ kind, code }).catch(() => null);
  if (!guide) notFound();
  const [t, locale, actor] = await Promise.all([getTranslations("catalog.guide"), getLocale(), currentActor()]);
  const en = locale === "en";
  const stages = [...new Set(guide.steps.map((s) => s.stage))].sort((a, b) => a - b);
  const nameOf = (key: string) => {
    const s = guide.steps.find((x) => x.key === key);
    return s ? (en ? s.serviceNameEn : s.serviceNameZh) : key;
  };
  const canApply = actor && (actor.role === "enterprise" || actor.role === "citizen") && guide.applicantKinds.includes(actor.role);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={en ? guide.nameEn : guide.nameZh} lead={(en ? guide.descriptionEn : guide.descriptionZh) ?? undefined}>
        <p className="text-slate-700">
          {t("for")}: {guide.applicantKinds.map((k) => t(`kinds.${k}`)).join("、")}
          {guide.requires ? ` · ${t("requires", { certificate: en ? guide.requires.nameEn : guide.requires.nameZh })}` : ""}
        </p>
        <div>
          {canApply || !actor ? (
            <Link href={`/apply/${guide.kind}/${guide.code}`} className="inline-block rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">
              {t("apply")}
            </Link>
          ) : (
            <p className="text-sm text-slate-600">{t("notForYou")}</p>
          )}
        </div>
      </PageHeader>

      <section aria-labelledby="steps-heading" className="flex flex-col gap-3">
        <h2 id="steps-heading" className="text-xl font-semibold">
          {guide.kind === "bundle" ? t("steps") : t("service")}
        </h2>
        {stages.map((stage) => (
          <div key={stage} className="flex flex-col gap-2">
            {stages.length > 1 ? <h3 className="font-semibold text-brand-800">{t("stage", { stage })}</h3> : null}
            <div className="grid gap-3 sm:grid-cols-2">
              {guide.steps
                .filter((s) => s.stage === stage)
                .map((s) => (
                  <Card key={s.key}>
                    <p className="font-semibold">{en ? s.serviceNameEn : s.serviceNameZh}</p>
                    <dl className="mt-2 grid grid-cols-1 gap-x-3 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                      <dt className="text-slate-600">{t("department")}</dt>
                      <dd>{en ? s.departmentNameEn : s.departmentNameZh}</dd>
                      <dt className="text-slate-600">{t("legalBasis")}</dt>
                      <dd>{s.legalBasis}</dd>
                      <dt className="text-slate-600">{t("conditions")}</dt>
                      <dd>{en ? s.conditionsEn : s.conditionsZh}</dd>
                      <dt className="text-slate-600">{t("timeLimits")}</dt>
                      <dd>{t("limits", { promised: s.promisedDays, statutory: s.statutoryDays })}</dd>
                      <dt className="text-slate-600">{t("fee")}</dt>
                      <dd>{s.feeFen === 0 ? t("free") : t("yuan", { yuan: (s.feeFen / 100).toFixed(2) })}</dd>
                      {s.issuesZh ? (
                        <>
                          <dt className="text-slate-600">{t("issues")}</dt>
                          <dd>{en ? s.issuesEn : s.issuesZh}</dd>
                        </>
                      ) : null}
                      {s.needs.length > 0 ? (
                        <>
                          <dt className="text-slate-600">{t("after")}</dt>
                          <dd>{s.needs.map(nameOf).join("、")}</dd>
                        </>
                      ) : null}
                    </dl>
                  </Card>
                ))}
            </div>
          </div>
        ))}
      </section>

      <section aria-labelledby="materials-heading" className="flex flex-col gap-3">
        <h2 id="materials-heading" className="text-xl font-semibold">
          {t("materials")}
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="p-2">{t("material")}</th>
                <th scope="col" className="p-2">{t("how")}</th>
                <th scope="col" className="p-2">{t("legalBasis")}</th>
              </tr>
            </thead>
            <tbody>
              {guide.materials.map((m) => (
                <tr key={m.key} className="border-t border-slate-100">
                  <td className="p-2">
                    {en ? m.nameEn : m.nameZh}
                    {!m.required ? <span className="block text-slate-600">{en ? m.conditionEn : m.conditionZh}</span> : null}
                  </td>
                  <td className="p-2">{t(`source.${m.source}`)}</td>
                  <td className="p-2">{m.legalBasis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

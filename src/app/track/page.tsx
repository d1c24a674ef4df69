import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { ApplicationTimeline } from "@/modules/applications/components/application-timeline";
import { StatusBadge } from "@/modules/applications/components/status-badge";
import { ZTrackInput } from "@/modules/applications/inputs";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("applications.track"))("title") };
}

type Search = Promise<{ trackingNumber?: string; queryCode?: string }>;

/** Public tracking (办件查询): a plain GET form, so it works without JavaScript and can be bookmarked. */
export default async function TrackPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const [t, locale, format] = await Promise.all([getTranslations("applications.track"), getLocale(), getFormatter()]);
  const asked = params.trackingNumber !== undefined || params.queryCode !== undefined;
  const parsed = asked ? ZTrackInput.safeParse({ trackingNumber: params.trackingNumber ?? "", queryCode: params.queryCode ?? "" }) : null;
  const result = parsed?.success ? await (await api()).applications.track(parsed.data).catch(() => null) : null;
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card>
        <form method="get" className="flex flex-col gap-4 sm:flex-row sm:items-end">
          <div className="flex flex-1 flex-col gap-1">
            <label htmlFor="trackingNumber" className="font-medium">
              {t("trackingNumber")}
            </label>
            <input
              id="trackingNumber"
              name="trackingNumber"
              inputMode="numeric"
              defaultValue={params.trackingNumber ?? ""}
              className="rounded border border-slate-400 px-3 py-2 font-mono"
            />
          </div>
          <div className="flex flex-col gap-1 sm:w-48">
            <label htmlFor="queryCode" className="font-medium">
              {t("queryCode")}
            </label>
            <input
              id="queryCode"
              name="queryCode"
              autoComplete="off"
              defaultValue={params.queryCode ?? ""}
              className="rounded border border-slate-400 px-3 py-2 font-mono uppercase"
            />
          </div>
          <button type="submit" className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">
            {t("submit")}
          </button>
        </form>
      </Card>
      {asked && !result ? (
        <p role="status" className="rounded border border-seal-600 bg-red-50 px-3 py-2 text-seal-600" data-testid="track-not-found">
          {t("notFound")}
        </p>
      ) : null}
      {result ? (
        <section aria-labelledby="result-heading" className="flex flex-col gap-4">
          <div className="flex flex-wrap items-center gap-3">
            <h2 id="result-heading" className="text-xl font-semibold">
              {locale === "en" ? result.titleEn : result.titleZh}
            </h2>
            <StatusBadge status={result.status} kind="application" />
          </div>
          <p className="text-slate-700">{t("dates", { submitted: when(result.submittedAt), accepted: when(result.acceptedAt) })}</p>
          <ApplicationTimeline tasks={result.tasks} />
        </section>
      ) : null}
    </div>
  );
}

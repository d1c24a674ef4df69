import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/page-header";
import { currentActor } from "@/server/auth/actor";
import { landingPath } from "@/modules/identity/model";
import { pick } from "@/modules/catalog/components/format";
import { api } from "@/trpc/server";
import { getLocale } from "next-intl/server";

export const dynamic = "force-dynamic";

const pillars = ["acceptance", "review", "sharing", "transparency"] as const;

export default async function HomePage() {
  const [t, tc, actor, locale, guides] = await Promise.all([
    getTranslations("home"),
    getTranslations("catalog"),
    currentActor(),
    getLocale(),
    (await api()).catalog.guides(),
  ]);
  return (
    <div className="flex flex-col gap-8">
      <section className="rounded-lg bg-brand-700 px-5 py-8 text-white sm:px-8">
        <h1 className="text-3xl font-bold sm:text-4xl">{t("title")}</h1>
        <p className="mt-3 max-w-3xl text-lg text-brand-50">{t("lead")}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          {actor ? (
            <Link href={landingPath[actor.role]} className="rounded bg-white px-4 py-2 font-medium text-brand-800 hover:bg-brand-50">
              {t("goToWorkspace")}
            </Link>
          ) : (
            <>
              <Link href="/sign-in" className="rounded bg-white px-4 py-2 font-medium text-brand-800 hover:bg-brand-50">
                {t("signIn")}
              </Link>
              <Link href="/register" className="rounded border border-white px-4 py-2 font-medium text-white hover:bg-white/10">
                {t("register")}
              </Link>
            </>
          )}
        </div>
      </section>

      <section aria-labelledby="find-heading" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="find-heading" className="text-2xl font-semibold">
          {tc("search.label")}
        </h2>
        <p className="text-slate-700">{tc("search.homeLead")}</p>
        <form role="search" action="/guides" method="get" aria-labelledby="find-heading" className="flex flex-col gap-2 sm:flex-row">
          <label htmlFor="home-q" className="sr-only">
            {tc("search.keyword")}
          </label>
          <input
            id="home-q"
            name="q"
            type="search"
            maxLength={40}
            placeholder={tc("search.keywordHint")}
            className="w-full rounded border border-slate-400 px-3 py-2 text-base focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 sm:max-w-xl"
          />
          <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {tc("search.submit")}
          </button>
        </form>
        <nav aria-label={tc("search.for")} className="flex flex-wrap gap-3">
          <Link href="/guides?for=citizen" className="rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-800 hover:bg-brand-50">
            {tc("search.citizen")}
          </Link>
          <Link href="/guides?for=enterprise" className="rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-800 hover:bg-brand-50">
            {tc("search.enterprise")}
          </Link>
          {guides.bundles.map((b) => (
            <Link
              key={b.code}
              href={`/guides?theme=${encodeURIComponent(b.code)}`}
              className="rounded border border-slate-300 px-3 py-1.5 text-slate-800 hover:bg-slate-50"
            >
              {pick(b, locale)}
            </Link>
          ))}
        </nav>
      </section>

      <section aria-labelledby="pillars-heading">
        <h2 id="pillars-heading" className="mb-4 text-2xl font-semibold">
          {t("pillarsTitle")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {pillars.map((p) => (
            <Card key={p}>
              <h3 className="text-lg font-semibold text-brand-800">{t(`pillars.${p}.title`)}</h3>
              <p className="mt-2 text-slate-700">{t(`pillars.${p}.body`)}</p>
              {p === "transparency" ? (
                <span className="mt-2 flex flex-wrap gap-x-4">
                  <Link href="/disclosure" className="font-medium text-brand-700 underline underline-offset-2">
                    {t("pillars.transparency.link")}
                  </Link>
                  <Link href="/service-index" className="font-medium text-brand-700 underline underline-offset-2">
                    {t("pillars.transparency.indexLink")}
                  </Link>
                </span>
              ) : null}
            </Card>
          ))}
        </div>
      </section>

      <section aria-labelledby="guides-heading" className="flex flex-col gap-4">
        <h2 id="guides-heading" className="text-2xl font-semibold">
          {t("guidesTitle")}
        </h2>
        {/* A province without bundles (a small region's demo) shows no empty heading. */}
        {guides.bundles.length > 0 ? (
          <>
            <h3 className="text-lg font-semibold text-brand-800">{tc("home.bundles")}</h3>
            <ul className="grid gap-3 sm:grid-cols-2" data-testid="home-bundles">
              {guides.bundles.map((b) => (
                <li key={b.code} className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4">
                  <Link href={`/guides/${b.code}`} className="text-lg font-semibold text-brand-700 underline underline-offset-2">
                    {pick(b, locale)}
                  </Link>
                  <p className="text-slate-700">{locale === "en" ? b.descriptionEn : b.descriptionZh}</p>
                  <p className="text-sm text-slate-600">{tc("home.promised", { count: b.promisedDays })}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h3 className="text-lg font-semibold text-brand-800">{tc("home.services")}</h3>
        <ul className="grid gap-x-6 gap-y-2 sm:grid-cols-2 lg:grid-cols-3" data-testid="home-services">
          {guides.services.map((s) => (
            <li key={s.code}>
              <Link href={`/guides/${s.code}`} className="text-brand-700 underline underline-offset-2">
                {pick(s, locale)}
              </Link>
            </li>
          ))}
        </ul>
        <p>
          <Link href="/guides" className="font-medium text-brand-700 underline underline-offset-2">
            {t("allGuides", { count: guides.services.length })}
          </Link>
        </p>
      </section>
    </div>
  );
}

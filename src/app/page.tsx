import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/page-header";
import { currentActor } from "@/server/auth/actor";
import { landingPath } from "@/modules/identity/model";
import { api } from "@/trpc/server";
import { getLocale } from "next-intl/server";

export const dynamic = "force-dynamic";

const pillars = ["acceptance", "review", "sharing", "transparency"] as const;

export default async function HomePage() {
  const [t, actor, locale, guides] = await Promise.all([getTranslations("home"), currentActor(), getLocale(), (await api()).catalog.guides()]);
  const en = locale === "en";
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

      <section aria-labelledby="pillars-heading">
        <h2 id="pillars-heading" className="mb-4 text-2xl font-semibold">
          {t("pillarsTitle")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {pillars.map((p) => (
            <Card key={p}>
              <h3 className="text-lg font-semibold text-brand-800">{t(`pillars.${p}.title`)}</h3>
              <p className="mt-2 text-slate-700">{t(`pillars.${p}.body`)}</p>
            </Card>
          ))}
        </div>
      </section>

      <section aria-labelledby="guides-heading">
        <h2 id="guides-heading" className="mb-4 text-2xl font-semibold">
          {t("guidesTitle")}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2" data-testid="home-bundles">
          {guides.bundles.map((b) => (
            <li key={b.code} className="rounded-lg border border-slate-200 bg-white p-4">
              <Link href={`/guides/bundle/${b.code}`} className="text-lg font-semibold text-brand-700 underline">
                {en ? b.nameEn : b.nameZh}
              </Link>
              <p className="mt-1 text-slate-700">{en ? b.descriptionEn : b.descriptionZh}</p>
            </li>
          ))}
        </ul>
        <p className="mt-4">
          <Link href="/guides" className="text-brand-700 underline">
            {t("allGuides", { count: guides.services.length })}
          </Link>
        </p>
      </section>
    </div>
  );
}

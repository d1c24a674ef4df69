import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { locales } from "@/i18n/locales";
import { regions } from "@/lib/regions";
import { env } from "@/server/env";
import type { Role } from "@/modules/identity/model";
import { setLocale, setSeniorMode } from "@/server/actions/preferences";
import { ActingBanner } from "@/modules/identity/components/acting-banner";
import { currentActor } from "@/server/auth/actor";
import { api } from "@/trpc/server";

const navByRole: Record<Role | "public", Array<{ href: string; key: string }>> = {
  public: [
    { href: "/", key: "home" },
    { href: "/guides", key: "guides" },
    { href: "/track", key: "track" },
    { href: "/sign-in", key: "signIn" },
    { href: "/register", key: "register" },
  ],
  enterprise: [
    { href: "/", key: "home" },
    { href: "/guides", key: "guides" },
    { href: "/applicant", key: "myApplications" },
  ],
  citizen: [
    { href: "/", key: "home" },
    { href: "/guides", key: "guides" },
    { href: "/applicant", key: "myApplications" },
  ],
  windowClerk: [
    { href: "/", key: "home" },
    { href: "/guides", key: "guides" },
    { href: "/window", key: "acceptanceQueue" },
  ],
  reviewer: [
    { href: "/", key: "home" },
    { href: "/guides", key: "guides" },
    { href: "/review", key: "reviewQueue" },
  ],
  dataOffice: [
    { href: "/", key: "home" },
    { href: "/guides", key: "guides" },
    { href: "/data-office", key: "dataOffice" },
  ],
  administrator: [
    { href: "/", key: "home" },
    { href: "/admin", key: "administration" },
  ],
};

const buttonClass = "rounded border border-white/60 px-2 py-1 text-sm text-white hover:bg-white/10 focus-visible:outline-white";

export async function SiteHeader({ senior }: { senior: boolean }) {
  const [t, locale, actor] = await Promise.all([getTranslations("layout"), getLocale(), currentActor()]);
  const nav = navByRole[actor?.role ?? "public"];
  // The count is a convenience: a failure to read it must not take the page down with it.
  const unread = actor ? await (await api()).notifications.unreadCount().catch(() => null) : null;
  const otherLocale = locales.find((l) => l !== locale) ?? "en";
  // The node's region names the portal: 河北政务服务, 北京政务服务, 天津政务服务.
  const region = regions[env().REGION];
  return (
    <header className="bg-brand-800 text-white">
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="flex items-baseline gap-2 text-white no-underline">
          <span className="text-2xl font-bold tracking-wide">{t("brand")}</span>
          <span className="text-sm text-brand-100">{t("tagline", { region: locale === "zh-CN" ? region.shortNameZh : region.nameEn })}</span>
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <form action={setLocale}>
            <input type="hidden" name="locale" value={otherLocale} />
            <button type="submit" className={buttonClass} lang={otherLocale} data-testid="language-switch">
              {t("switchLanguage")}
            </button>
          </form>
          <form action={setSeniorMode}>
            <input type="hidden" name="senior" value={senior ? "off" : "on"} />
            <button
              type="submit"
              className={`${buttonClass} aria-pressed:bg-white aria-pressed:text-brand-800`}
              aria-pressed={senior}
              data-testid="senior-switch"
            >
              {t("seniorMode")}
            </button>
          </form>
          {actor ? (
            <form action="/sign-out" method="post" className="flex items-center gap-2">
              <span className="text-sm" data-testid="signed-in-as">
                {t("signedInAs", { name: actor.displayName, role: t(`roles.${actor.role}`) })}
              </span>
              <button type="submit" className={buttonClass}>
                {t("signOut")}
              </button>
            </form>
          ) : null}
        </div>
      </div>
      <nav aria-label={t("mainNav")} className="bg-brand-900">
        <ul className="mx-auto flex w-full max-w-6xl flex-wrap gap-x-1 px-2">
          {nav.map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="inline-block px-3 py-2 text-sm text-white hover:bg-white/10">
                {t(`nav.${item.key}`)}
              </Link>
            </li>
          ))}
          {actor ? (
            <li>
              <Link href="/account" className="inline-block px-3 py-2 text-sm text-white hover:bg-white/10">
                {t("nav.account")}
              </Link>
            </li>
          ) : null}
          {actor ? (
            <li>
              <Link
                href="/inbox"
                className="inline-block px-3 py-2 text-sm text-white hover:bg-white/10"
                aria-label={unread ? t("nav.inboxUnread", { count: unread }) : undefined}
                data-testid="nav-inbox"
              >
                {unread ? t("nav.inboxCount", { count: unread }) : t("nav.inbox")}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
      {actor ? <ActingBanner actor={actor} /> : null}
    </header>
  );
}

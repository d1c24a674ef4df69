import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { OutcomeFlashProvider } from "@/components/form/outcome-flash";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/app/_shell/site-header";
import { seniorCookie } from "@/i18n/locales";
import { TrpcReactProvider } from "@/trpc/react";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return {
    title: { default: t("title"), template: `%s · ${t("short")}` },
    description: t("description"),
    // Files in public/ (the proxy leaves them alone, see its matcher).
    icons: { icon: [{ url: "/favicon.svg", type: "image/svg+xml" }], apple: [{ url: "/icon-192.png", sizes: "192x192" }] },
    manifest: "/manifest.webmanifest",
  };
}

/** The brand colour (--color-brand-800 in globals.css), as in public/manifest.webmanifest. */
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1b378a" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const senior = (await cookies()).get(seniorCookie)?.value === "on";
  const t = await getTranslations("layout");
  return (
    <html lang={locale} data-senior={senior ? "true" : "false"}>
      <body className="flex min-h-screen flex-col bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider>
          <TrpcReactProvider>
            <SiteHeader senior={senior} />
            <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-8">
              <OutcomeFlashProvider>{children}</OutcomeFlashProvider>
            </main>
            <SiteFooter />
          </TrpcReactProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

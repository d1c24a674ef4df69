import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function SiteFooter() {
  const [t, tc, tcr, ti, trc] = await Promise.all([
    getTranslations("layout"),
    getTranslations("creditCodes"),
    getTranslations("credit.public"),
    getTranslations("inspections.public"),
    getTranslations("recognition.public"),
  ]);
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-2 px-4 py-4 text-sm text-slate-600 sm:flex-row sm:justify-between">
        <p>{t("footer")}</p>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          <Link href="/credit-codes" className="text-brand-700 underline">
            {tc("title")}
          </Link>
          <Link href="/credit" className="text-brand-700 underline">
            {tcr("title")}
          </Link>
          <Link href="/inspections" className="text-brand-700 underline">
            {ti("title")}
          </Link>
          <Link href="/recognition" className="text-brand-700 underline">
            {trc("title")}
          </Link>
          <Link href="/verify" className="text-brand-700 underline">
            {t("footerVerify")}
          </Link>
          <Link href="/disclosure" className="text-brand-700 underline">
            {t("footerDisclosure")}
          </Link>
          <Link href="/service-index" className="text-brand-700 underline">
            {t("footerServiceIndex")}
          </Link>
          <Link href="/open-data" className="text-brand-700 underline">
            {t("footerOpenData")}
          </Link>
        </div>
      </div>
    </footer>
  );
}

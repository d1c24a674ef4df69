import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-2xl font-bold">{t("pageNotFound")}</h1>
      <p className="mt-3 text-slate-700">{t("pageNotFoundHint")}</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        {t("backHome")}
      </Link>
    </div>
  );
}

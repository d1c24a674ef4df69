import { getTranslations } from "next-intl/server";

export async function SiteFooter() {
  const t = await getTranslations("layout");
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto w-full max-w-6xl px-4 py-4 text-sm text-slate-600">
        <p>{t("footer")}</p>
      </div>
    </footer>
  );
}

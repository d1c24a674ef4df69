"use client";

import { useTranslations } from "next-intl";

/** Opens the browser's print dialog; the page's print styles leave only the certificate. */
export function PrintButton() {
  const t = useTranslations("sharing.holder.printable");
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50 print:hidden"
    >
      {t("print")}
    </button>
  );
}

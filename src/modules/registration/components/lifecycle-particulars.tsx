import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/page-header";
import type { LifecycleOptions } from "./types";

/** The particulars the licence states (read through the gate), and the change or deregistration already open, if one is. */
export async function LifecycleParticulars({ options }: { options: LifecycleOptions }) {
  const t = await getTranslations("registration.lifecycle");
  const rows: Array<[string, string]> = [
    [t("particulars.name"), options.current.name],
    [t("particulars.creditCode"), options.creditCode],
    [t("particulars.address"), options.current.businessAddress || "—"],
    [t("particulars.legalRep"), options.current.legalRepresentative || "—"],
    [t("particulars.capital"), options.current.registeredCapital ? t("particulars.capitalValue", { amount: options.current.registeredCapital }) : "—"],
  ];
  return (
    <>
      <Card>
        <h2 className="text-lg font-semibold">{t("particulars.heading")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("particulars.source", { number: options.licenceNumber })}</p>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]" data-testid="licence-particulars">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-600">{k}</dt>
              <dd className="break-words font-medium">{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
      {options.open ? (
        <p role="status" className="rounded border border-amber-400 bg-amber-50 px-3 py-2 text-amber-950" data-testid="lifecycle-open">
          {t(`open.${options.open.kind}`, { trackingNumber: options.open.trackingNumber ?? "" })}{" "}
          <Link href={`/applications/${options.open.applicationId}`} className="text-brand-700 underline">
            {t("open.link")}
          </Link>
        </p>
      ) : null}
    </>
  );
}

import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { listMyConsents } from "../list-consents";
import { WithdrawConsentButton } from "./withdraw-consent-button";

type Consent = Awaited<ReturnType<typeof listMyConsents>>[number];

/**
 * 我的授权: each certificate the holder agreed to have read, for which application, on what basis.
 * A consent-based one can be withdrawn; a law-based one says why it cannot.
 */
export async function HolderConsents({ consents }: { consents: Consent[] }) {
  const [t, locale, format] = await Promise.all([getTranslations("sharing.consents.ui"), getLocale(), getFormatter()]);
  const en = locale === "en";
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="consents-heading" className="flex flex-col gap-3" data-testid="my-consents">
      <h2 id="consents-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="text-slate-700">{t("lead")}</p>
      {consents.length === 0 ? (
        <p className="text-slate-700">{t("empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {consents.map((c) => {
            const name = en ? c.typeNameEn : c.typeNameZh;
            const purpose = c.application ? `${c.application.trackingNumber} ${en ? c.application.titleEn : c.application.titleZh}` : "—";
            return (
              <li
                key={c.id}
                className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4"
                data-testid="consent"
                data-type={c.typeCode}
                data-state={c.withdrawnAt ? "withdrawn" : "given"}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-semibold">{name}</h3>
                  <span
                    className={`rounded border px-2 py-0.5 text-sm font-medium ${c.withdrawnAt ? "border-slate-500 bg-slate-100 text-slate-800" : "border-green-700 bg-green-50 text-green-900"}`}
                  >
                    {c.withdrawnAt ? t("withdrawnAt", { at: when(c.withdrawnAt) }) : t("inForce")}
                  </span>
                </div>
                <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
                  <dt className="text-slate-600">{t("purpose")}</dt>
                  <dd className="break-words">{t("purposeValue", { application: purpose })}</dd>
                  <dt className="text-slate-600">{t("basis")}</dt>
                  <dd>{t(`bases.${c.basis}`)}</dd>
                  <dt className="text-slate-600">{t("givenAt")}</dt>
                  <dd>{c.atWindow ? t("givenAtWindow", { at: when(c.givenAt) }) : when(c.givenAt)}</dd>
                </dl>
                {c.withdrawable ? (
                  <WithdrawConsentButton consentId={c.id} context={`${name} ${purpose}`} />
                ) : c.basis === "law" ? (
                  <p className="text-sm text-slate-700">{t("lawNote")}</p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

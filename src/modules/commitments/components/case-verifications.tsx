import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/page-header";
import type { VerificationView } from "../views";

const statusClass = { open: "text-slate-800", passed: "text-green-900", failed: "text-seal-600" } as const;

/**
 * The case page's verification of the materials the applicant committed instead of supplying
 * (告知承诺): which department checks each, by when, and its result. Before approval there is no
 * task yet: the list says the check comes after approval.
 */
export async function CaseVerifications({ verifications }: { verifications: VerificationView[] }) {
  const [t, ts, locale] = await Promise.all([getTranslations("commitments.case"), getTranslations("commitments.status"), getLocale()]);
  const en = locale === "en";
  return (
    <Card>
      <section aria-labelledby="case-verifications" data-testid="case-verifications">
        <h2 id="case-verifications" className="mb-2 text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mb-3 text-sm text-slate-700">{t("lead")}</p>
        {verifications.length === 0 ? (
          <p className="text-slate-700">{t("afterApproval")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {verifications.map((v) => (
              <li key={v.id} className="rounded border border-slate-200 p-3" data-testid={`verification-${v.materialKey}`}>
                <p className="font-medium">{en ? v.materialNameEn : v.materialNameZh}</p>
                <dl className="mt-1 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
                  <dt className="text-slate-600">{t("department")}</dt>
                  <dd>{en ? v.department.nameEn : v.department.nameZh}</dd>
                  <dt className="text-slate-600">{t("due")}</dt>
                  <dd>{v.dueOn}</dd>
                  <dt className="text-slate-600">{t("status")}</dt>
                  <dd className={`font-semibold ${statusClass[v.status]}`} data-testid={`verification-status-${v.materialKey}`}>
                    {ts(v.status)}
                  </dd>
                  {v.finding ? (
                    <>
                      <dt className="text-slate-600">{t("finding")}</dt>
                      <dd>{v.finding}</dd>
                    </>
                  ) : null}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Card>
  );
}

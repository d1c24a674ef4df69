import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { explainCreditCode, isWellFormedCodeSegment } from "@/modules/identity/explain-credit-code";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("creditCodes"))("title") };
}

type Search = Promise<{ code?: string }>;

/** The public credit-code checker: a GET form, so results can be linked and it works without JavaScript. */
export default async function CreditCodesPage({ searchParams }: { searchParams: Search }) {
  const { code } = await searchParams;
  const [t, locale] = await Promise.all([getTranslations("creditCodes"), getLocale()]);
  const en = locale === "en";
  const trimmed = code?.trim() ?? "";
  const result = trimmed && isWellFormedCodeSegment(trimmed) ? explainCreditCode(trimmed) : null;
  // A valid code of an enterprise registered here: whether it still exists (注销 is public).
  const standing = result?.valid ? await (await api()).identity.entityStanding({ creditCode: result.code }) : null;
  const tl = await getTranslations("registration.lifecycle.standing");
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card>
        <form method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="flex flex-1 flex-col gap-1">
            <label htmlFor="code" className="font-medium">
              {t("label")}
            </label>
            <input id="code" name="code" defaultValue={trimmed} autoComplete="off" className="rounded border border-slate-400 px-3 py-2 font-mono uppercase" />
          </div>
          <button type="submit" className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">
            {t("check")}
          </button>
        </form>
        <p className="mt-3 text-sm text-slate-600">{t("api", { path: "/api/open/credit-codes/{code}" })}</p>
      </Card>
      {trimmed && !result ? (
        <p role="status" className="rounded border border-seal-600 bg-red-50 px-3 py-2 text-seal-600">
          {t("malformed")}
        </p>
      ) : null}
      {result ? (
        <Card>
          <p role="status" data-testid="credit-code-verdict" className={`text-lg font-semibold ${result.valid ? "text-green-800" : "text-seal-600"}`}>
            {result.valid ? t("valid", { code: result.code }) : t("invalid", { code: result.code })}
          </p>
          {standing ? (
            <p
              className={`mt-2 font-medium ${standing.deregisteredAt ? "text-seal-600" : "text-green-800"}`}
              data-testid="entity-standing"
              data-deregistered={standing.deregisteredAt ? "true" : "false"}
            >
              {standing.deregisteredAt
                ? tl("deregistered", {
                    name: standing.name,
                    date: standing.deregisteredAt.toLocaleDateString(en ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai" }),
                  })
                : tl("registered", { name: standing.name })}
            </p>
          ) : null}
          {result.failedChecks.length > 0 ? (
            <ul className="mt-3 list-disc pl-6">
              {result.failedChecks.map((c, i) => (
                <li key={i}>{en ? c.messageEn : c.messageZh}</li>
              ))}
            </ul>
          ) : null}
          {result.decoded ? (
            <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
              <dt className="text-slate-600">{t("authority")}</dt>
              <dd>
                {result.decoded.authority.code} · {en ? result.decoded.authority.nameEn : result.decoded.authority.nameZh}
              </dd>
              <dt className="text-slate-600">{t("category")}</dt>
              <dd>
                {result.decoded.category.code} · {en ? result.decoded.category.nameEn : result.decoded.category.nameZh}
              </dd>
              <dt className="text-slate-600">{t("division")}</dt>
              <dd>
                {result.decoded.division.code} · {result.decoded.division.nameZh ?? t("divisionUnknown")}
              </dd>
              <dt className="text-slate-600">{t("organisationCode")}</dt>
              <dd className="font-mono">{result.decoded.organisationCode}</dd>
            </dl>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { ZCreditCodeRef } from "@/modules/credit/inputs";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("credit.public"))("title") };
}

/** Look up an enterprise's public credit page by its credit code (a GET form: works without script). */
export default async function CreditSearchPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  const t = await getTranslations("credit.public");
  const given = code?.trim() ?? "";
  const parsed = given ? ZCreditCodeRef.safeParse({ code: given }) : null;
  if (parsed?.success) redirect(`/credit/${parsed.data.code}`);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card>
        <form method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="flex flex-1 flex-col gap-1">
            <label htmlFor="credit-code" className="font-medium">
              {t("label")}
            </label>
            <input
              id="credit-code"
              name="code"
              defaultValue={given}
              autoComplete="off"
              aria-invalid={parsed ? !parsed.success : undefined}
              aria-describedby={parsed && !parsed.success ? "credit-code-error" : undefined}
              className="rounded border border-slate-400 px-3 py-2 font-mono uppercase"
            />
          </div>
          <button type="submit" className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">
            {t("search")}
          </button>
        </form>
        {parsed && !parsed.success ? (
          <p id="credit-code-error" role="status" className="mt-3 text-seal-600">
            {t("malformed")}
          </p>
        ) : null}
      </Card>
    </div>
  );
}

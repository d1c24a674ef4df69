import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/page-header";
import { decidedCount, type Volumes } from "../model";

/** The data office's home: today's submitted, accepted and decided, and the way to the dashboard. */
export async function DashboardHeadline({ volumes }: { volumes: Volumes }) {
  const t = await getTranslations("dashboard");
  const figures = [
    { key: "submitted", value: volumes.today.submitted },
    { key: "accepted", value: volumes.today.accepted },
    { key: "decided", value: decidedCount(volumes.today) },
  ] as const;
  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">{t("headline.title")}</h2>
      <dl className="grid grid-cols-3 gap-3" data-testid="dashboard-headline">
        {figures.map((f) => (
          <div key={f.key} className="flex flex-col">
            <dt className="text-sm text-slate-700">{t(`volumes.kind.${f.key}`)}</dt>
            <dd className="text-2xl font-bold tabular-nums text-slate-900">{f.value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3">
        <Link href="/data-office/dashboard" className="text-brand-700 underline underline-offset-2">
          {t("headline.more")}
        </Link>
      </p>
    </Card>
  );
}

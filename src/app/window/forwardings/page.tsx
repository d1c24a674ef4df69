import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { ForwardForm } from "@/modules/applications/components/forward-form";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("applications.forwarding"))("title") };
}

/** 异地代收代办: the window's forwarded applications, each with where it stands at the competent node. */
export default async function ForwardingsPage() {
  await requireRole(["windowClerk"], "/window/forwardings");
  const t = await getTranslations("applications.forwarding");
  const tr = await getTranslations();
  const zh = (await getLocale()) === "zh-CN";
  const view = await (await api()).applications.forwardings();
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("formTitle")}</h2>
        <ForwardForm openings={view.openings} />
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("listTitle")}</h2>
        {view.forwardings.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-200" aria-label={t("listTitle")}>
            {view.forwardings.map((f) => (
              <li key={f.id} className="flex flex-col gap-1 py-3 text-sm" data-testid="forwarding">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium">
                    {zh ? f.serviceNameZh : f.serviceNameEn} · {f.applicantName}
                  </span>
                  <span className="rounded bg-slate-100 px-2 py-0.5" data-testid="forwarding-status">
                    {t(`status.${f.status}`)}
                  </span>
                </div>
                {f.remoteTrackingNumber ? (
                  <span>
                    {t("remoteTracking", { region: t(`regions.${f.toRegion}`) })}
                    {zh ? "：" : ": "}
                    <span className="font-mono break-all" data-testid="forwarding-remote-tracking">
                      {f.remoteTrackingNumber}
                    </span>
                    {f.remoteStatus
                      ? ` · ${tr.has(`applications.status.application.${f.remoteStatus}`) ? tr(`applications.status.application.${f.remoteStatus}`) : f.remoteStatus}`
                      : ""}
                  </span>
                ) : null}
                {f.status === "waiting" ? <span className="text-amber-700">{t("waitingHint", { attempts: f.attempts })}</span> : null}
                {f.reasons.length > 0 ? (
                  <ul className="list-disc pl-5 text-red-700" aria-label={t("reasons")}>
                    {f.reasons.map((r, i) => (
                      <li key={i}>
                        {tr.has(r.code) ? tr(r.code) : r.code}
                        {r.field ? <span className="text-slate-500"> ({r.field})</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

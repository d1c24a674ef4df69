"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";

export interface SessionRow {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  current: boolean;
}

/** A short name for a browser from its user-agent string (the full string is in a tooltip). */
function browserName(ua: string | null): string {
  if (!ua) return "—";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Chrom(e|ium)\//.test(ua)
      ? "Chrome"
      : /Firefox\//.test(ua)
        ? "Firefox"
        : /Safari\//.test(ua)
          ? "Safari"
          : /MicroMessenger/.test(ua)
            ? "WeChat"
            : "";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Android/.test(ua)
      ? "Android"
      : /iPhone|iPad/.test(ua)
        ? "iOS"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return [browser, os].filter(Boolean).join(" · ") || ua.slice(0, 40);
}

/** 我的登录设备: every live session, ending one, or all but this one. */
export function SessionList({ sessions }: { sessions: SessionRow[] }) {
  const t = useTranslations("identity.account.sessions");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const end = useMutation(trpc.identity.endSession.mutationOptions());
  const others = useMutation(trpc.identity.signOutElsewhere.mutationOptions());
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="flex flex-col gap-3">
      <ul className="flex flex-col gap-2" data-testid="session-list">
        {sessions.map((s) => (
          <li
            key={s.id}
            className="flex flex-col gap-2 rounded border border-slate-200 bg-white p-3 sm:flex-row sm:items-center sm:justify-between"
            data-testid="session"
          >
            <div>
              <p className="font-medium" title={s.userAgent ?? undefined}>
                {browserName(s.userAgent)}{" "}
                {s.current ? <span className="ml-1 rounded bg-green-50 px-2 py-0.5 text-sm text-green-900">{t("current")}</span> : null}
              </p>
              <p className="text-sm text-slate-600">{t("times", { signedIn: when(s.createdAt), lastSeen: when(s.lastSeenAt), expires: when(s.expiresAt) })}</p>
            </div>
            {s.current ? (
              <form action="/sign-out" method="post">
                <button type="submit" className="rounded border border-slate-500 px-3 py-1 hover:bg-slate-100">
                  {t("signOutHere")}
                </button>
              </form>
            ) : (
              <button
                type="button"
                disabled={end.isPending}
                onClick={() =>
                  end.mutateAsync({ sessionId: s.id }).then(
                    () => router.refresh(),
                    () => undefined,
                  )
                }
                className="rounded border border-seal-600 px-3 py-1 text-seal-600 hover:bg-red-50"
              >
                {t("end")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {sessions.some((s) => !s.current) ? (
        <button
          type="button"
          disabled={others.isPending}
          onClick={() =>
            others.mutateAsync().then(
              () => router.refresh(),
              () => undefined,
            )
          }
          className="self-start rounded bg-seal-600 px-4 py-2 font-medium text-white disabled:opacity-60"
          data-testid="sign-out-elsewhere"
        >
          {t("endOthers")}
        </button>
      ) : null}
      {others.isSuccess ? (
        <p role="status" className="text-green-900">
          {t("endedOthers", { count: others.data.ended })}
        </p>
      ) : null}
    </div>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { useTRPC } from "@/trpc/react";

const buttonClass = "rounded border border-brand-700 px-3 py-1 text-sm text-brand-700 hover:bg-brand-50 disabled:cursor-not-allowed disabled:opacity-60";

/** Marks one item read, then refreshes the page (and the count in the header). */
export function MarkReadButton({ id, itemTitle }: { id: string; itemTitle: string }) {
  const t = useTranslations("notifications.inbox");
  const router = useRouter();
  const trpc = useTRPC();
  const mark = useMutation(trpc.notifications.markRead.mutationOptions());
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        className={buttonClass}
        aria-label={t("markReadItem", { title: itemTitle })}
        disabled={mark.isPending}
        onClick={async () => {
          setFailed(false);
          try {
            await mark.mutateAsync({ id });
            router.refresh();
          } catch {
            setFailed(true);
          }
        }}
      >
        {t("markRead")}
      </button>
      {failed ? (
        <span role="status" className="text-sm text-seal-600">
          {t("failed")}
        </span>
      ) : null}
    </>
  );
}

export function MarkAllReadButton() {
  const t = useTranslations("notifications.inbox");
  const router = useRouter();
  const trpc = useTRPC();
  const mark = useMutation(trpc.notifications.markAllRead.mutationOptions());
  const [failed, setFailed] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={buttonClass}
        disabled={mark.isPending}
        onClick={async () => {
          setFailed(false);
          try {
            await mark.mutateAsync();
            router.refresh();
          } catch {
            setFailed(true);
          }
        }}
      >
        {t("markAllRead")}
      </button>
      {failed ? (
        <span role="status" className="text-sm text-seal-600">
          {t("failed")}
        </span>
      ) : null}
    </div>
  );
}

/** Follows an item to its page; an unread item is marked read on the way. */
export function InboxLink({ id, href, unread, label, children }: { id: string; href: string; unread: boolean; label: string; children: ReactNode }) {
  const trpc = useTRPC();
  const mark = useMutation(trpc.notifications.markRead.mutationOptions());
  return (
    <Link
      href={href}
      aria-label={label}
      className="rounded bg-brand-700 px-3 py-1 text-sm font-medium text-white hover:bg-brand-800"
      onClick={() => {
        // Fire and forget: the page it leads to does not depend on it.
        if (unread) mark.mutate({ id });
      }}
    >
      {children}
    </Link>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMessage } from "@/components/form/fields";
import { TRPCClientError } from "@trpc/client";
import { useTRPC } from "@/trpc/react";

/** 撤回授权: withdraws one consent after the holder confirms; the page then shows it withdrawn. */
export function WithdrawConsentButton({ consentId, context }: { consentId: string; context: string }) {
  const t = useTranslations("sharing.consents.ui");
  const message = useMessage();
  const router = useRouter();
  const trpc = useTRPC();
  const withdraw = useMutation(trpc.sharing.withdrawConsent.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setError(null);
    try {
      await withdraw.mutateAsync({ consentId });
      router.refresh();
    } catch (e) {
      const fieldErrors = e instanceof TRPCClientError ? (e.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors : undefined;
      setError(fieldErrors?.consentId?.[0] ?? (e instanceof Error ? e.message : String(e)));
    }
  };

  return (
    <div className="flex flex-col gap-2">
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm text-slate-800">{t("confirm")}</p>
          <button
            type="button"
            onClick={run}
            disabled={withdraw.isPending}
            className="rounded bg-seal-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
          >
            {t("confirmWithdraw")}
            <span className="sr-only">{context}</span>
          </button>
          <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-400 px-3 py-1.5 text-sm text-slate-800">
            {t("cancel")}
          </button>
        </div>
      ) : (
        <div>
          <button
            type="button"
            onClick={() => setConfirming(true)}
            className="rounded border border-seal-600 px-3 py-1.5 text-sm font-medium text-seal-600 hover:bg-red-50"
          >
            {t("withdraw")}
            <span className="sr-only">{context}</span>
          </button>
        </div>
      )}
      {error ? (
        <p role="status" className="text-sm text-seal-600" data-testid="withdraw-error">
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}

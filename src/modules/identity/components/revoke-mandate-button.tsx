"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMessage } from "@/components/form/fields";
import { useTRPC } from "@/trpc/react";

/**
 * Revokes a mandate at once, after a confirmation that names whom it stops (a revocation cannot
 * be undone: a new mandate would have to be granted).
 */
export function RevokeMandateButton({ mandateId, agentName, holderGivesUp }: { mandateId: string; agentName: string; holderGivesUp?: boolean }) {
  const t = useTranslations("identity.mandates");
  const translate = useMessage();
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.identity.revokeMandate.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="rounded border border-seal-600 px-3 py-1 text-seal-600 hover:bg-red-50">
        {holderGivesUp ? t("giveUp") : t("revoke")}
        <span className="sr-only"> {agentName}</span>
      </button>
    );
  }
  return (
    <div className="flex flex-col gap-2 rounded border border-seal-600 bg-red-50 p-2" role="group" aria-label={t("confirmLabel")}>
      <p className="text-seal-600">{holderGivesUp ? t("confirmGiveUp") : t("confirmRevoke", { name: agentName })}</p>
      {mutation.error ? (
        <p className="text-sm text-seal-600" data-testid="revoke-error">
          {translate(mutation.error.message)}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button
          type="button"
          disabled={mutation.isPending}
          onClick={async () => {
            await mutation.mutateAsync({ mandateId, reason: "" }).then(
              () => router.refresh(),
              () => undefined,
            );
          }}
          className="rounded bg-seal-600 px-3 py-1 font-medium text-white disabled:opacity-60"
        >
          {t("confirm")}
        </button>
        <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-500 px-3 py-1">
          {t("cancel")}
        </button>
      </div>
    </div>
  );
}

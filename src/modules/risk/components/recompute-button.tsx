"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { staffButton } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";

/** The data office's "recompute now": the signals, then this month's classes; says what changed. */
export function RecomputeRiskButton() {
  const t = useTranslations("risk.office");
  const trpc = useTRPC();
  const router = useRouter();
  const [said, setSaid] = useState<string | null>(null);
  const mutation = useMutation(trpc.risk.recompute.mutationOptions());
  return (
    <div className="flex flex-col items-start gap-2">
      <button
        type="button"
        className={staffButton.primary}
        disabled={mutation.isPending}
        onClick={async () => {
          setSaid(null);
          const r = await mutation.mutateAsync();
          setSaid(t("recomputed", { ...r.signals, enterprises: r.classes.enterprises, month: r.classes.month }));
          router.refresh();
        }}
      >
        {mutation.isPending ? t("recomputing") : t("recompute")}
      </button>
      <p role="status" className="text-sm text-slate-700" data-testid="risk-recompute-result">
        {said ?? ""}
      </p>
    </div>
  );
}

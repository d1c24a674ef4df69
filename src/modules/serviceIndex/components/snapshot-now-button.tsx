"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { staffButton } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";

/** Computes today's index now (the job does it every night) and says how many values it published. */
export function SnapshotNowButton() {
  const t = useTranslations("serviceIndex.office");
  const trpc = useTRPC();
  const router = useRouter();
  const [said, setSaid] = useState<string | null>(null);
  const mutation = useMutation(trpc.serviceIndex.snapshotNow.mutationOptions());
  return (
    <div className="flex flex-col items-start gap-2">
      <button
        type="button"
        className={staffButton.primary}
        disabled={mutation.isPending}
        onClick={async () => {
          setSaid(null);
          const r = await mutation.mutateAsync();
          setSaid(t("done", { units: r.units }));
          router.refresh();
        }}
      >
        {t("snapshotNow")}
      </button>
      <p role="status" className="text-sm text-slate-700" data-testid="snapshot-now-result">
        {said ?? ""}
      </p>
    </div>
  );
}

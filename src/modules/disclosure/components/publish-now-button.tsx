"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { staffButton } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";

/** Runs the publication now (the job does the same every five minutes) and says what it published. */
export function PublishNowButton() {
  const t = useTranslations("disclosure.office");
  const trpc = useTRPC();
  const router = useRouter();
  const [said, setSaid] = useState<string | null>(null);
  const mutation = useMutation(trpc.disclosure.publishNow.mutationOptions());
  return (
    <div className="flex flex-col items-start gap-2">
      <button
        type="button"
        className={staffButton.primary}
        disabled={mutation.isPending}
        onClick={async () => {
          setSaid(null);
          const r = await mutation.mutateAsync();
          setSaid(t("published", { decisions: r.decisions, records: r.records }));
          router.refresh();
        }}
      >
        {t("publishNow")}
      </button>
      <p role="status" className="text-sm text-slate-700" data-testid="publish-now-result">
        {said ?? ""}
      </p>
    </div>
  );
}

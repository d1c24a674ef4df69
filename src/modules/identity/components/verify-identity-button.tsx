"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMessage } from "@/components/form/fields";
import { useTRPC } from "@/trpc/react";

/** 实名核验 for an account made before registration checked the population register. */
export function VerifyIdentityButton() {
  const t = useTranslations("identity.account.verification");
  const translate = useMessage();
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.identity.verifyIdentity.mutationOptions());
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        disabled={mutation.isPending}
        onClick={() =>
          mutation.mutateAsync().then(
            () => router.refresh(),
            () => undefined,
          )
        }
        className="self-start rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {t("verify")}
      </button>
      {mutation.error ? (
        <p role="status" className="text-seal-600" data-testid="verify-error">
          {translate(mutation.error.message)}
        </p>
      ) : null}
    </div>
  );
}

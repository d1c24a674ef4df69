"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { SelectField } from "@/components/form/fields";
import { StaffActionForm, StaffOutcome, StaffTextArea, useStaffAction, useStaffOutcome } from "@/components/form/staff-form-parts";
import { useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZRecordVerificationInput } from "../inputs";

/** The verifying department records a task's result with its finding (a failure revokes and records). */
export function VerificationForm({ verificationId, version }: { verificationId: string; version: number }) {
  const t = useTranslations("commitments.page");
  const trpc = useTRPC();
  const router = useRouter();
  const { done, stale, onDone, onStale } = useStaffOutcome<"done">();
  const mutation = useMutation(trpc.commitments.record.mutationOptions());
  const form = useZodForm(ZRecordVerificationInput, { defaultValues: { verificationId, version, outcome: "" as never, finding: "" } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, {
    done: () => {
      onDone("done");
      router.refresh();
    },
    stale: onStale,
  });
  const prefix = `verify-${verificationId}`;
  return (
    <div className="flex flex-col gap-2">
      <StaffOutcome done={done ? t("recorded") : null} stale={stale ? t("stale") : null} />
      <StaffActionForm
        onSubmit={onSubmit}
        pending={pending}
        legend={t("outcome")}
        error={form.formState.errors.root?.server?.message}
        submitLabel={t("submit")}
      >
        <p className="text-sm text-slate-700">{t("failWarning")}</p>
        <SelectField
          form={form}
          name="outcome"
          idPrefix={prefix}
          label={t("outcome")}
          placeholder={t("choose")}
          options={[
            { value: "pass", label: t("pass") },
            { value: "fail", label: t("fail") },
          ]}
        />
        <StaffTextArea form={form} name="finding" idPrefix={prefix} label={t("finding")} required rows={3} />
      </StaffActionForm>
    </div>
  );
}

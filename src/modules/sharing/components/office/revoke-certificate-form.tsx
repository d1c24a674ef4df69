"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { StaffOutcome, StaffTextArea, staffButton } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import { ZRevokeCertificateInput } from "../../inputs";
import { ClientForm } from "@/components/form/client-form";

/**
 * Revokes a certificate with a reason. Given a `number` (the certificate just looked up) the form
 * asks only for the reason; without one (a provider's page) it asks for the number too. A revoked
 * certificate cannot be revoked again: only the outcome of this revocation, if any, is shown.
 */
export function RevokeCertificateForm({ number, revoked = false, className = "" }: { number?: string; revoked?: boolean; className?: string }) {
  const t = useTranslations("sharing.office.certificates");
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const mutation = useMutation(trpc.sharing.revokeCertificate.mutationOptions());
  const form = useZodForm(ZRevokeCertificateInput, { defaultValues: { number: number ?? "", reason: "" } });
  const pending = form.formState.isSubmitting;
  const numberError = form.formState.errors.number?.message;
  const onSubmit = form.handleSubmit(async (values) => {
    setDone(null);
    try {
      const result = await mutation.mutateAsync(values);
      setDone(t("done", { number: result.number, count: result.applicationsTold }));
      form.reset({ number: number ?? "", reason: "" });
      router.refresh();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  if (revoked) {
    if (!done) return null;
    return (
      <div className={className}>
        <StaffOutcome done={done} stale={null} />
      </div>
    );
  }
  return (
    <ClientForm onSubmit={onSubmit} noValidate className={`flex flex-col gap-3 ${className}`} data-testid="revoke-certificate-form">
      <StaffOutcome done={done} stale={null} />
      <fieldset disabled={pending} aria-busy={pending} className="flex flex-col gap-3">
        <legend className="mb-1 text-lg font-semibold text-slate-900">{t("revokeLegend")}</legend>
        {/* A looked-up number has no field of its own: its errors (already revoked, not found) show on the form. */}
        <FormError message={form.formState.errors.root?.server?.message ?? (number ? numberError : undefined)} />
        {number ? null : <TextField form={form} name="number" label={t("number")} hint={t("numberHint")} inputMode="numeric" autoComplete="off" />}
        <StaffTextArea form={form} name="reason" idPrefix="revoke-certificate" label={t("revokeReason")} hint={t("revokeReasonHint")} required />
        <div>
          <button type="submit" className={staffButton.danger}>
            {pending ? t("revoking") : t("revokeSubmit")}
          </button>
        </div>
      </fieldset>
    </ClientForm>
  );
}

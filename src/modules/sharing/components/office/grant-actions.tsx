"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { FormError } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { isStaleError, StaffOutcome, StaffTextArea, staffButton } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import { ZDecideGrantInput } from "../../inputs";
import { canDecideGrant, canRevokeGrant, type GrantStatus } from "../../model";
import { ClientForm } from "@/components/form/client-form";

type Decision = "approve" | "reject" | "revoke";

interface Props {
  grantId: string;
  version: number;
  /** The grant in words ("resource → consumer"), for the buttons' accessible names. */
  name: string;
  status: GrantStatus;
  /** The provider decides requests; the data office and the provider may revoke approved grants. */
  viewer: "dataOffice" | "provider";
}

/**
 * What can be done with one grant: the provider approves or rejects a request (a reason is
 * required to reject); an approved grant may be revoked with a reason. Each sends the grant's
 * version, so of two people acting at once one wins and the other sees the current state.
 */
export function GrantActions({ grantId, version, status, viewer, name }: Props) {
  const t = useTranslations("sharing.office");
  const router = useRouter();
  const [done, setDone] = useState<Decision | null>(null);
  const [stale, setStale] = useState(false);
  const onDone = (d: Decision) => {
    setStale(false);
    setDone(d);
    router.refresh();
  };
  const onStale = () => {
    setStale(true);
    router.refresh();
  };
  const mode = viewer === "provider" && canDecideGrant(status) ? "decide" : canRevokeGrant(status) ? "revoke" : null;
  return (
    <div className={`flex flex-col gap-3 ${done || stale || mode ? "mt-4" : ""}`} data-testid="grant-actions">
      <StaffOutcome done={done ? t(`grants.done.${done}`) : null} stale={stale ? t("common.stale") : null} />
      {done || !mode ? null : mode === "decide" ? (
        <div className="flex flex-col gap-3">
          <DecisionForm decision="approve" grantId={grantId} version={version} name={name} onDone={onDone} onStale={onStale} />
          <ReasonDisclosure decision="reject" grantId={grantId} version={version} name={name} onDone={onDone} onStale={onStale} />
        </div>
      ) : (
        <ReasonDisclosure decision="revoke" grantId={grantId} version={version} name={name} onDone={onDone} onStale={onStale} />
      )}
    </div>
  );
}

interface FormProps {
  decision: Decision;
  grantId: string;
  version: number;
  name: string;
  onDone: (d: Decision) => void;
  onStale: () => void;
  onCancel?: () => void;
}

/** Rejecting and revoking ask for a reason: the form opens behind a button so a list stays short. */
function ReasonDisclosure(props: FormProps) {
  const t = useTranslations("sharing.office.grants");
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  return (
    <div className="flex flex-col gap-3">
      <div>
        <button ref={toggle} type="button" aria-expanded={open} aria-controls={panelId} className={staffButton.secondary} onClick={() => setOpen((o) => !o)}>
          {props.decision === "reject" ? t("reject") : t("revoke")}
          <span className="sr-only"> {props.name}</span>
        </button>
      </div>
      <div id={panelId} hidden={!open}>
        {open ? (
          <DecisionForm
            {...props}
            onCancel={() => {
              setOpen(false);
              toggle.current?.focus();
            }}
          />
        ) : null}
      </div>
    </div>
  );
}

function DecisionForm({ decision, grantId, version, name, onDone, onStale, onCancel }: FormProps) {
  const t = useTranslations("sharing.office.grants");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.sharing.decideGrant.mutationOptions());
  const form = useZodForm(ZDecideGrantInput, { defaultValues: { grantId, version, decision, reason: "" } });
  const pending = form.formState.isSubmitting || mutation.isSuccess;
  const idPrefix = `grant-${grantId}-${decision}`;
  // Opened from its button: the reason is what to type next.
  const { setFocus } = form;
  useEffect(() => {
    if (decision !== "approve") setFocus("reason");
  }, [decision, setFocus]);
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      // An empty reason is no reason; the server refuses a rejection or revocation without one.
      await mutation.mutateAsync({ ...values, reason: values.reason || undefined });
      onDone(decision);
    } catch (error) {
      applyServerErrors(form, error);
      if (isStaleError(error)) onStale();
    }
  });
  if (decision === "approve") {
    return (
      <ClientForm onSubmit={onSubmit} noValidate>
        <fieldset disabled={pending} aria-busy={pending} className="flex flex-col gap-2">
          <legend className="sr-only">{t("approveFor", { name })}</legend>
          <FormError message={form.formState.errors.root?.server?.message} />
          <div>
            <button type="submit" className={staffButton.primary}>
              {t("approve")}
              <span className="sr-only"> {name}</span>
            </button>
          </div>
        </fieldset>
      </ClientForm>
    );
  }
  const legend = decision === "reject" ? t("rejectLegend") : t("revokeLegend");
  return (
    <ClientForm onSubmit={onSubmit} noValidate className="rounded border border-slate-300 bg-slate-50 p-3">
      <fieldset disabled={pending} aria-busy={pending} className="flex flex-col gap-3">
        <legend className="mb-1 font-semibold text-slate-900">{legend}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <StaffTextArea
          form={form}
          name="reason"
          idPrefix={idPrefix}
          label={decision === "reject" ? t("rejectReason") : t("revokeReason")}
          hint={decision === "reject" ? t("rejectReasonHint") : t("revokeReasonHint")}
          required
        />
        <div className="flex flex-wrap gap-3">
          <button type="submit" className={staffButton.danger}>
            {decision === "reject" ? t("rejectSubmit") : t("revokeSubmit")}
          </button>
          {onCancel ? (
            <button type="button" className={staffButton.secondary} onClick={onCancel}>
              {t("cancel")}
            </button>
          ) : null}
        </div>
      </fieldset>
    </ClientForm>
  );
}

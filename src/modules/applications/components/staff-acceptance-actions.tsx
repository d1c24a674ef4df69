"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZRefuseInput, ZRequestCompletionInput, ZVersionedRef } from "../inputs";
import type { ApplicationView } from "../views";
import { StaffActionForm, StaffOutcome, StaffTextArea, useStaffAction, useStaffOutcome } from "@/components/form/staff-form-parts";
import { RefusalConfirmation } from "@/modules/documents/components/refusal-confirmation";
import { StaffNoticeItems, type StaffMaterialChoice } from "./staff-notice-items";

type Done = "accepted" | "refused" | "completionRequested";

interface ActionProps {
  applicationId: string;
  version: number;
  onDone: (done: Done) => void;
  onStale: () => void;
}

/**
 * The window's three answers to a submitted application: accept, refuse with a reason, or ask
 * once for everything missing. Each sends the version the clerk saw; if another clerk acted
 * first the server says so and the page is refreshed to the current state.
 */
export function StaffAcceptanceActions({
  application,
  materials,
}: {
  application: Pick<ApplicationView, "id" | "version" | "status"> & { trackingNumber?: string | null };
  materials: StaffMaterialChoice[];
}) {
  const t = useTranslations("applications.staff.actions");
  const status = useTranslations("applications.status.application");
  const { done, stale, onDone, onStale } = useStaffOutcome<Done>();
  const props: ActionProps = { applicationId: application.id, version: application.version, onDone, onStale };
  return (
    <section aria-labelledby="acceptance-actions-heading" className="flex flex-col gap-4" data-testid="acceptance-actions">
      <div>
        <h2 id="acceptance-actions-heading" className="text-xl font-semibold">
          {t("title")}
        </h2>
        {application.status === "submitted" ? <p className="mt-1 text-slate-700">{t("lead")}</p> : null}
      </div>
      <StaffOutcome done={done ? t(`done.${done}`) : null} stale={stale ? t("stale") : null} />
      {application.status === "submitted" ? (
        // Keyed by version: when the page is refreshed to a newer version, the forms start afresh.
        <div key={application.version} className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <AcceptForm {...props} />
          <RefuseForm {...props} trackingNumber={application.trackingNumber ?? null} />
          <div className="lg:col-span-2">
            <CompletionForm {...props} materials={materials} />
          </div>
        </div>
      ) : done ? null : (
        <p className="text-slate-700">{t("notActionable", { status: status(application.status) })}</p>
      )}
    </section>
  );
}

function AcceptForm({ applicationId, version, onDone, onStale }: ActionProps) {
  const t = useTranslations("applications.staff.actions");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.applications.accept.mutationOptions());
  const form = useZodForm(ZVersionedRef, { defaultValues: { applicationId, version } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("accepted"), stale: onStale });
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("acceptLegend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("accept")}
    >
      <p className="text-slate-700">{t("acceptHint")}</p>
    </StaffActionForm>
  );
}

function RefuseForm({ applicationId, version, onDone, onStale, trackingNumber }: ActionProps & { trackingNumber: string | null }) {
  const t = useTranslations("applications.staff.actions");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.applications.refuse.mutationOptions());
  const form = useZodForm(ZRefuseInput, { defaultValues: { applicationId, version, reason: "", confirmed: false } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("refused"), stale: onStale });
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("refuseLegend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("refuse")}
      tone="danger"
    >
      <StaffTextArea form={form} name="reason" idPrefix="refuse" label={t("reason")} hint={t("reasonHint")} required />
      <RefusalConfirmation form={form} idPrefix="refuse" kind="nonAcceptance" cancels={[]} trackingNumber={trackingNumber} />
    </StaffActionForm>
  );
}

function CompletionForm({ applicationId, version, onDone, onStale, materials }: ActionProps & { materials: StaffMaterialChoice[] }) {
  const t = useTranslations("applications.staff.actions");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.applications.requestCompletion.mutationOptions());
  const form = useZodForm(ZRequestCompletionInput, {
    defaultValues: { applicationId, version, items: [{ kind: "document", text: "", materialKeys: [], legalBasis: "" }] },
  });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("completionRequested"), stale: onStale });
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("completionLegend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("requestCompletion")}
    >
      <p className="text-slate-700">{t("completionHint")}</p>
      <StaffNoticeItems form={form} idPrefix="completion" materials={materials} />
    </StaffActionForm>
  );
}

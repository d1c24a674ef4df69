"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { useZodForm } from "@/components/form/use-zod-form";
import { StaffActionForm, StaffOutcome, StaffTextArea, useStaffAction, useStaffOutcome } from "@/components/form/staff-form-parts";
import { StaffNoticeItems, type StaffMaterialChoice } from "@/modules/applications/components/staff-notice-items";
import { RefusalConfirmation, type CancelledStep } from "@/modules/documents/components/refusal-confirmation";
import { useTRPC } from "@/trpc/react";
import { ZDecideTaskInput, ZTaskRef } from "../inputs";
import type { TaskStatus } from "../model";
import type { OpinionTemplateChoice } from "./opinion-template-picker";
import { OpinionTemplatePicker } from "./opinion-template-picker";

// The three decisions, each with its own form, validated by its branch of the shared schema.
const [ZApprove, ZDeny, ZSupplement] = ZDecideTaskInput.options;

type Done = "claimed" | "released" | "approved" | "denied" | "supplementRequested";

interface ActionProps {
  taskId: string;
  version: number;
  onDone: (done: Done) => void;
  onStale: () => void;
}

/**
 * What a reviewer can do with a task: approve, deny with a reason or ask for material — an open
 * task is claimed by the decision itself —, claim it alone, or hand back one that is theirs; after
 * a decision, go on to the next task of the queue. Every action sends the task's version, so of two
 * reviewers acting at once one wins and the other is told and shown the current state.
 */
export function TaskActions({
  task,
  materials,
  cancels,
  templates,
}: {
  task: { id: string; version: number; status: TaskStatus; claimedByMe: boolean };
  materials: StaffMaterialChoice[];
  /** The other unfinished steps of the case, which a denial cancels (named in its confirmation). */
  cancels: CancelledStep[];
  /** The department's opinion templates, offered to fill the opinion. */
  templates: OpinionTemplateChoice[];
}) {
  const t = useTranslations("review.actions");
  const status = useTranslations("applications.status.task");
  const { done, stale, onDone, onStale } = useStaffOutcome<Done>();
  const props: ActionProps = { taskId: task.id, version: task.version, onDone, onStale };
  const mine = task.status === "claimed" && task.claimedByMe;
  return (
    <section aria-labelledby="task-actions-heading" className="flex flex-col gap-4" data-testid="task-actions">
      <h2 id="task-actions-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <StaffOutcome done={done ? t(`done.${done}`) : null} stale={stale ? t("stale") : null} />
      {done && done !== "claimed" && done !== "released" ? <NextTaskLink after={task.id} /> : null}
      {/* Keyed by version: when the page is refreshed to a newer version, the forms start afresh. */}
      {task.status === "open" || mine ? (
        // An open task can be decided at once: the decision claims it in the same transaction.
        <div key={task.version} className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <div id="action-approve" className="scroll-mt-4">
            <ApproveForm {...props} templates={templates.filter((x) => x.outcome === "approved")} />
          </div>
          <div id="action-deny" className="scroll-mt-4">
            <DenyForm {...props} cancels={cancels} templates={templates.filter((x) => x.outcome === "denied")} />
          </div>
          <div id="action-supplement" className="scroll-mt-4 lg:col-span-2">
            <SupplementForm {...props} materials={materials} />
          </div>
          {task.status === "open" ? <ClaimForm {...props} /> : <ReleaseForm {...props} />}
        </div>
      ) : task.status === "claimed" ? (
        <p className="text-slate-700">{t("claimedByOther")}</p>
      ) : done ? null : (
        <p className="text-slate-700">{t("nothing", { status: status(task.status) })}</p>
      )}
    </section>
  );
}

/** 下一件: after a decision, one step to the next task of the queue (focused, so Enter takes it). */
function NextTaskLink({ after }: { after: string }) {
  const t = useTranslations("review.actions");
  const ref = useRef<HTMLAnchorElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p>
      <Link
        ref={ref}
        href={`/review/next?after=${after}`}
        className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white no-underline hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
        data-testid="next-task"
      >
        {t("nextTask")}
      </Link>
    </p>
  );
}

/** Claim and release: a button and the task's version. */
function RefForm({ kind, taskId, version, onDone, onStale }: ActionProps & { kind: "claim" | "release" }) {
  const t = useTranslations("review.actions");
  const trpc = useTRPC();
  const claim = useMutation(trpc.review.claim.mutationOptions());
  const release = useMutation(trpc.review.release.mutationOptions());
  const mutation = kind === "claim" ? claim : release;
  const form = useZodForm(ZTaskRef, { defaultValues: { taskId, version } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, {
    done: () => onDone(kind === "claim" ? "claimed" : "released"),
    stale: onStale,
  });
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t(kind === "claim" ? "claimLegend" : "releaseLegend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t(kind === "claim" ? "claim" : "release")}
      tone={kind === "claim" ? "primary" : "secondary"}
    >
      <p className="text-slate-700">{t(kind === "claim" ? "claimHint" : "releaseHint")}</p>
    </StaffActionForm>
  );
}

function ClaimForm(props: ActionProps) {
  return <RefForm kind="claim" {...props} />;
}

function ReleaseForm(props: ActionProps) {
  return <RefForm kind="release" {...props} />;
}

function ApproveForm({ taskId, version, onDone, onStale, templates }: ActionProps & { templates: OpinionTemplateChoice[] }) {
  const t = useTranslations("review.actions");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.decide.mutationOptions());
  const form = useZodForm(ZApprove, { defaultValues: { taskId, version, outcome: "approved", reason: "" } });
  // An empty remark is no remark.
  const { onSubmit, pending } = useStaffAction(form, (values) => mutation.mutateAsync({ ...values, reason: values.reason || undefined }), mutation.isSuccess, {
    done: () => onDone("approved"),
    stale: onStale,
  });
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("approveLegend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("approve")}
    >
      <OpinionTemplatePicker idPrefix="approve" templates={templates} onPick={(body) => form.setValue("reason", body, { shouldDirty: true })} />
      <StaffTextArea form={form} name="reason" idPrefix="approve" label={t("approveReason")} hint={t("approveHint")} />
    </StaffActionForm>
  );
}

function DenyForm({ taskId, version, onDone, onStale, cancels, templates }: ActionProps & { cancels: CancelledStep[]; templates: OpinionTemplateChoice[] }) {
  const t = useTranslations("review.actions");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.decide.mutationOptions());
  const form = useZodForm(ZDeny, { defaultValues: { taskId, version, outcome: "denied", reason: "", confirmed: false } });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("denied"), stale: onStale });
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("denyLegend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("deny")}
      tone="danger"
    >
      <OpinionTemplatePicker
        idPrefix="deny"
        templates={templates}
        onPick={(body) => form.setValue("reason", body, { shouldDirty: true, shouldValidate: true })}
      />
      <StaffTextArea form={form} name="reason" idPrefix="deny" label={t("denyReason")} hint={t("denyHint")} required />
      <RefusalConfirmation form={form} idPrefix="deny" kind="denial" cancels={cancels} />
    </StaffActionForm>
  );
}

function SupplementForm({ taskId, version, onDone, onStale, materials }: ActionProps & { materials: StaffMaterialChoice[] }) {
  const t = useTranslations("review.actions");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.decide.mutationOptions());
  const form = useZodForm(ZSupplement, {
    defaultValues: { taskId, version, outcome: "supplementRequested", items: [{ kind: "document", text: "", materialKeys: [], legalBasis: "" }] },
  });
  const { onSubmit, pending } = useStaffAction(form, mutation.mutateAsync, mutation.isSuccess, { done: () => onDone("supplementRequested"), stale: onStale });
  return (
    <StaffActionForm
      onSubmit={onSubmit}
      pending={pending}
      legend={t("supplementLegend")}
      error={form.formState.errors.root?.server?.message}
      submitLabel={t("requestSupplement")}
    >
      <p className="text-slate-700">{t("supplementHint")}</p>
      <StaffNoticeItems form={form} idPrefix="supplement" materials={materials} />
    </StaffActionForm>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import {
  isStaleError,
  StaffNoticeItems,
  StaffOutcome,
  StaffTextArea,
  staffButton,
  type StaffMaterialChoice,
} from "@/modules/applications/components/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import { ZDecideTaskInput, ZTaskRef } from "../inputs";
import type { TaskStatus } from "../model";

// The three decisions, each with its own form, validated by its branch of the shared schema.
const [ZApprove, ZDeny, ZSupplement] = ZDecideTaskInput.options;

type Done = "claimed" | "released" | "approved" | "denied" | "supplementRequested";

interface ActionProps {
  taskId: string;
  version: number;
  onDone: (done: Done) => void;
  onStale: () => void;
}

const card = "flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6";
const legend = "mb-1 text-lg font-semibold text-slate-900";

/**
 * What a reviewer can do with a task: claim it when open; once it is theirs, approve, deny with a
 * reason, ask for material, or hand it back. Every action sends the task's version, so of two
 * reviewers acting at once one wins and the other is told and shown the current state.
 */
export function TaskActions({
  task,
  materials,
}: {
  task: { id: string; version: number; status: TaskStatus; claimedByMe: boolean };
  materials: StaffMaterialChoice[];
}) {
  const t = useTranslations("review.actions");
  const status = useTranslations("applications.status.task");
  const router = useRouter();
  const [done, setDone] = useState<Done | null>(null);
  const [stale, setStale] = useState(false);
  const props: ActionProps = {
    taskId: task.id,
    version: task.version,
    onDone: (d) => {
      setStale(false);
      setDone(d);
      router.refresh();
    },
    onStale: () => {
      setDone(null);
      setStale(true);
      router.refresh();
    },
  };
  const mine = task.status === "claimed" && task.claimedByMe;
  return (
    <section aria-labelledby="task-actions-heading" className="flex flex-col gap-4" data-testid="task-actions">
      <h2 id="task-actions-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <StaffOutcome done={done ? t(`done.${done}`) : null} stale={stale ? t("stale") : null} />
      {/* Keyed by version: when the page is refreshed to a newer version, the forms start afresh. */}
      {task.status === "open" ? (
        <div key={task.version}>
          <ClaimForm {...props} />
        </div>
      ) : mine ? (
        <div key={task.version} className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <ApproveForm {...props} />
          <DenyForm {...props} />
          <div className="lg:col-span-2">
            <SupplementForm {...props} materials={materials} />
          </div>
          <ReleaseForm {...props} />
        </div>
      ) : task.status === "claimed" ? (
        <p className="text-slate-700">{t("claimedByOther")}</p>
      ) : done ? null : (
        <p className="text-slate-700">{t("nothing", { status: status(task.status) })}</p>
      )}
    </section>
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
  const pending = form.formState.isSubmitting || mutation.isSuccess;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync(values);
      onDone(kind === "claim" ? "claimed" : "released");
    } catch (error) {
      applyServerErrors(form, error);
      if (isStaleError(error)) onStale();
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className={card}>
      <fieldset disabled={pending} aria-busy={pending} className="flex flex-col gap-4">
        <legend className={legend}>{t(kind === "claim" ? "claimLegend" : "releaseLegend")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <p className="text-slate-700">{t(kind === "claim" ? "claimHint" : "releaseHint")}</p>
        <div>
          <button type="submit" className={kind === "claim" ? staffButton.primary : staffButton.secondary}>
            {t(kind === "claim" ? "claim" : "release")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function ClaimForm(props: ActionProps) {
  return <RefForm kind="claim" {...props} />;
}

function ReleaseForm(props: ActionProps) {
  return <RefForm kind="release" {...props} />;
}

function ApproveForm({ taskId, version, onDone, onStale }: ActionProps) {
  const t = useTranslations("review.actions");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.decide.mutationOptions());
  const form = useZodForm(ZApprove, { defaultValues: { taskId, version, outcome: "approved", reason: "" } });
  const pending = form.formState.isSubmitting || mutation.isSuccess;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      // An empty remark is no remark.
      await mutation.mutateAsync({ ...values, reason: values.reason || undefined });
      onDone("approved");
    } catch (error) {
      applyServerErrors(form, error);
      if (isStaleError(error)) onStale();
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className={card}>
      <fieldset disabled={pending} aria-busy={pending} className="flex flex-col gap-4">
        <legend className={legend}>{t("approveLegend")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <StaffTextArea form={form} name="reason" idPrefix="approve" label={t("approveReason")} hint={t("approveHint")} />
        <div>
          <button type="submit" className={staffButton.primary}>
            {t("approve")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function DenyForm({ taskId, version, onDone, onStale }: ActionProps) {
  const t = useTranslations("review.actions");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.decide.mutationOptions());
  const form = useZodForm(ZDeny, { defaultValues: { taskId, version, outcome: "denied", reason: "" } });
  const pending = form.formState.isSubmitting || mutation.isSuccess;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync(values);
      onDone("denied");
    } catch (error) {
      applyServerErrors(form, error);
      if (isStaleError(error)) onStale();
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className={card}>
      <fieldset disabled={pending} aria-busy={pending} className="flex flex-col gap-4">
        <legend className={legend}>{t("denyLegend")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <StaffTextArea form={form} name="reason" idPrefix="deny" label={t("denyReason")} hint={t("denyHint")} required />
        <div>
          <button type="submit" className={staffButton.danger}>
            {t("deny")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function SupplementForm({ taskId, version, onDone, onStale, materials }: ActionProps & { materials: StaffMaterialChoice[] }) {
  const t = useTranslations("review.actions");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.review.decide.mutationOptions());
  const form = useZodForm(ZSupplement, {
    defaultValues: { taskId, version, outcome: "supplementRequested", items: [{ text: "", materialKeys: [] }] },
  });
  const pending = form.formState.isSubmitting || mutation.isSuccess;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync(values);
      onDone("supplementRequested");
    } catch (error) {
      applyServerErrors(form, error);
      if (isStaleError(error)) onStale();
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className={card}>
      <fieldset disabled={pending} aria-busy={pending} className="flex flex-col gap-4">
        <legend className={legend}>{t("supplementLegend")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <p className="text-slate-700">{t("supplementHint")}</p>
        <StaffNoticeItems form={form} idPrefix="supplement" materials={materials} />
        <div>
          <button type="submit" className={staffButton.primary}>
            {t("requestSupplement")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

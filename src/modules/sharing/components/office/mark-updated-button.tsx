"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMessage } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { staffButton } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import { ZResourceRef } from "../../inputs";
import { ClientForm } from "@/components/form/client-form";

/**
 * Records that the provider updated a resource (登记更新), which restarts its update deadline and
 * clears the overdue flag.
 */
export function MarkUpdatedButton({ code, name }: { code: string; name: string }) {
  const t = useTranslations("sharing.office.markUpdated");
  const message = useMessage();
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState(false);
  const mutation = useMutation(trpc.sharing.markResourceUpdated.mutationOptions());
  const form = useZodForm(ZResourceRef, { defaultValues: { code } });
  const pending = form.formState.isSubmitting;
  const error = form.formState.errors.root?.server?.message ?? form.formState.errors.code?.message;
  const onSubmit = form.handleSubmit(async (values) => {
    setDone(false);
    try {
      await mutation.mutateAsync(values);
      setDone(true);
      router.refresh();
    } catch (e) {
      applyServerErrors(form, e);
    }
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col items-start gap-1" data-testid={`mark-updated-${code}`}>
      <button type="submit" disabled={pending} className={`${staffButton.secondary} whitespace-nowrap px-3 py-1 text-sm`}>
        {pending ? t("pending") : t("button")}
        <span className="sr-only"> {name}</span>
      </button>
      <span role="status" className="text-sm text-green-800 empty:hidden">
        {done ? t("done") : null}
      </span>
      {error ? <span className="text-sm text-seal-600">{message(error)}</span> : null}
    </ClientForm>
  );
}

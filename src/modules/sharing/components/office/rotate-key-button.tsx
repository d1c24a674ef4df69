"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMessage } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { staffButton } from "@/components/form/staff-form-parts";
import { useTRPC } from "@/trpc/react";
import { ZRotateKeyInput } from "../../inputs";
import { ClientForm } from "@/components/form/client-form";

/** Rotates one department's signing key: the old key retires, a new one signs from the same moment. */
export function RotateKeyButton({ departmentCode, departmentName }: { departmentCode: string; departmentName: string }) {
  const t = useTranslations("sharing.office.keys");
  const message = useMessage();
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const mutation = useMutation(trpc.sharing.rotateKey.mutationOptions());
  const form = useZodForm(ZRotateKeyInput, { defaultValues: { departmentCode } });
  const pending = form.formState.isSubmitting;
  const error = form.formState.errors.root?.server?.message ?? form.formState.errors.departmentCode?.message;
  const onSubmit = form.handleSubmit(async (values) => {
    setDone(null);
    try {
      const result = await mutation.mutateAsync(values);
      setDone(t("done", { keyId: result.keyId.slice(0, 8) }));
      router.refresh();
    } catch (e) {
      applyServerErrors(form, e);
    }
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col items-start gap-1" data-testid={`rotate-key-${departmentCode}`}>
      <button type="submit" disabled={pending} className={`${staffButton.secondary} whitespace-nowrap px-3 py-1 text-sm`}>
        {pending ? t("rotating") : t("rotate")}
        <span className="sr-only"> {departmentName}</span>
      </button>
      <span role="status" className="text-sm text-green-800 empty:hidden">
        {done}
      </span>
      {error ? <span className="text-sm text-seal-600">{message(error)}</span> : null}
    </ClientForm>
  );
}

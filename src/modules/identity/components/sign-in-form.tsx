"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { FormError, SubmitButton, TextField } from "@/components/form/fields";
import { useZodForm } from "@/components/form/use-zod-form";
import { msg } from "@/lib/message";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { ZSignInInput } from "../inputs";

export function SignInForm({ callbackUrl, initialLogin }: { callbackUrl?: string; initialLogin?: string }) {
  const t = useTranslations("signIn");
  const form = useZodForm(ZSignInInput, { defaultValues: { login: initialLogin ?? "", password: "" } });
  const pending = form.formState.isSubmitting || form.formState.isSubmitSuccessful;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      form.setError("root.server", { type: "server", message: signInFailureMessage(result?.code) });
      form.resetField("password", { keepError: false });
      return;
    }
    // A full navigation, so the header and every server component see the new session.
    window.location.assign(safeCallbackPath(callbackUrl));
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="sr-only">{t("title")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        <TextField form={form} name="login" label={t("login")} hint={t("loginHint")} autoComplete="username" />
        <TextField form={form} name="password" label={t("password")} type="password" autoComplete="current-password" />
        <SubmitButton pending={pending}>{pending ? t("submitting") : t("submit")}</SubmitButton>
      </fieldset>
    </form>
  );
}

/**
 * The message for a refused sign-in, from the code the server gave (src/server/auth/index.ts and
 * the sign-in route): `locked.<seconds>`, `rateLimited.<seconds>`, `busy`, or anything else,
 * which gets the same message for an unknown account and a wrong password: nothing is revealed.
 */
export function signInFailureMessage(code: string | undefined): string {
  const [kind, seconds] = (code ?? "").split(".");
  const minutes = Math.max(1, Math.ceil(Number(seconds) / 60) || 15);
  if (kind === "locked") return msg("errors.locked", { minutes });
  if (kind === "rateLimited") return msg("errors.rateLimited", { minutes });
  if (kind === "busy") return "errors.busy";
  return "errors.invalidCredentials";
}

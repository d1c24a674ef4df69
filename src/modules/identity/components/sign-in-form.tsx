"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, SubmitButton, TextField } from "@/components/form/fields";
import { useZodForm } from "@/components/form/use-zod-form";
import { msg } from "@/lib/message";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { ZEnterpriseSignInInput, ZSignInInput } from "../inputs";
import { ClientForm } from "@/components/form/client-form";

/**
 * 个人登录 with the person's own account, or 法人登录: the enterprise's credit code with the
 * account of a person who may act for it (its legal representative or a mandate holder).
 */
export function SignInForm({ callbackUrl, initialLogin, mode = "person" }: { callbackUrl?: string; initialLogin?: string; mode?: "person" | "enterprise" }) {
  const t = useTranslations("signIn");
  const ti = useTranslations("identity.signIn");
  const enterprise = mode === "enterprise";
  // One form for both: the enterprise schema's fields are a superset of the personal one's.
  const form = useZodForm(enterprise ? ZEnterpriseSignInInput : ZSignInInput, {
    defaultValues: { login: initialLogin ?? "", password: "", ...(enterprise ? { creditCode: "" } : {}) },
  }) as unknown as ReturnType<typeof useZodForm<typeof ZEnterpriseSignInInput>>;
  const [noMandate, setNoMandate] = useState(false);
  const pending = form.formState.isSubmitting || form.formState.isSubmitSuccessful;

  const onSubmit = form.handleSubmit(async (values) => {
    setNoMandate(false);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      setNoMandate(result?.code === "noMandate");
      form.setError("root.server", { type: "server", message: signInFailureMessage(result?.code) });
      form.resetField("password", { keepError: false });
      return;
    }
    // A full navigation, so the header and every server component see the new session.
    window.location.assign(enterprise ? "/applicant" : safeCallbackPath(callbackUrl));
  });

  return (
    <ClientForm onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="sr-only">{enterprise ? ti("enterpriseTab") : t("title")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        {noMandate ? (
          <p className="text-sm text-slate-700">
            <Link href="/register/enterprise" className="text-brand-700 underline">
              {ti("registerEnterpriseLink")}
            </Link>
          </p>
        ) : null}
        {enterprise ? (
          <TextField form={form} name="creditCode" label={ti("creditCode")} hint={ti("creditCodeHint")} autoComplete="organization" idPrefix="enterprise" />
        ) : null}
        <TextField
          form={form}
          name="login"
          label={t("login")}
          hint={enterprise ? ti("personLoginHint") : t("loginHint")}
          autoComplete="username"
          idPrefix={enterprise ? "enterprise" : undefined}
        />
        <TextField
          form={form}
          name="password"
          label={t("password")}
          type="password"
          autoComplete="current-password"
          idPrefix={enterprise ? "enterprise" : undefined}
        />
        <SubmitButton pending={pending}>{pending ? t("submitting") : enterprise ? ti("submitEnterprise") : t("submit")}</SubmitButton>
      </fieldset>
    </ClientForm>
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
  if (kind === "noMandate") return "identity.errors.noMandateSignIn";
  return "errors.invalidCredentials";
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { FormError, SelectField, SubmitButton, TextField } from "@/components/form/fields";
import { applyServerErrors, useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import { ZCreateDepartmentInput, ZCreateStaffAccountInput } from "../inputs";
import { departmentLevels, staffRoles } from "../model";

/** The administrator creates a department; a code in use or an unknown division is refused on its field. */
export function CreateDepartmentForm() {
  const t = useTranslations("identity.admin");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.identity.createDepartment.mutationOptions());
  const form = useZodForm(ZCreateDepartmentInput, { defaultValues: { code: "", nameZh: "", nameEn: "", level: "province", divisionCode: "" } });
  const pending = form.formState.isSubmitting;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync(values);
      form.reset();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="text-lg font-semibold">{t("department.title")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        {mutation.isSuccess ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900">
            {t("department.created", { code: mutation.data.code })}
          </p>
        ) : null}
        <TextField form={form} name="code" label={t("department.code")} hint={t("department.codeHint")} idPrefix="dept" />
        <TextField form={form} name="nameZh" label={t("department.nameZh")} idPrefix="dept" />
        <TextField form={form} name="nameEn" label={t("department.nameEn")} idPrefix="dept" />
        <SelectField
          form={form}
          name="level"
          label={t("department.level")}
          options={departmentLevels.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
          idPrefix="dept"
        />
        <TextField
          form={form}
          name="divisionCode"
          label={t("department.divisionCode")}
          hint={t("department.divisionHint")}
          inputMode="numeric"
          idPrefix="dept"
        />
        <SubmitButton pending={pending}>{t("department.submit")}</SubmitButton>
      </fieldset>
    </form>
  );
}

/**
 * The administrator creates a staff account, without a password: the data office sets one on its
 * staff page (密码重置). An unknown department or a login in use is refused on its field.
 */
export function CreateStaffAccountForm() {
  const t = useTranslations("identity.admin");
  const tr = useTranslations("profile.roles");
  const trpc = useTRPC();
  const mutation = useMutation(trpc.identity.createStaffAccount.mutationOptions());
  const form = useZodForm(ZCreateStaffAccountInput, { defaultValues: { login: "", displayName: "", role: "reviewer", departmentCode: "" } });
  const pending = form.formState.isSubmitting;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await mutation.mutateAsync({ ...values, departmentCode: values.departmentCode || null });
      form.reset();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4">
      <fieldset disabled={pending} className="flex flex-col gap-4">
        <legend className="text-lg font-semibold">{t("staff.title")}</legend>
        <FormError message={form.formState.errors.root?.server?.message} />
        {mutation.isSuccess ? (
          <p role="status" className="rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900">
            {t("staff.created", { login: mutation.data.login })}
          </p>
        ) : null}
        <TextField form={form} name="login" label={t("staff.login")} idPrefix="staff" />
        <TextField form={form} name="displayName" label={t("staff.displayName")} idPrefix="staff" />
        <SelectField form={form} name="role" label={t("staff.role")} options={staffRoles.map((r) => ({ value: r, label: tr(r) }))} idPrefix="staff" />
        <TextField form={form} name="departmentCode" label={t("staff.departmentCode")} hint={t("staff.departmentHint")} idPrefix="staff" />
        <SubmitButton pending={pending}>{t("staff.submit")}</SubmitButton>
      </fieldset>
    </form>
  );
}

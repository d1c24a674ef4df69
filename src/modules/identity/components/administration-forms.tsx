"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { FormCard, useFormSubmit } from "@/components/form/form-card";
import { CheckboxField, SelectField, TextField } from "@/components/form/fields";
import { useZodForm } from "@/components/form/use-zod-form";
import { useTRPC } from "@/trpc/react";
import type { UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { ZCreateDepartmentInput, ZCreateStaffAccountInput, ZUpdateDepartmentInput, type UpdateDepartmentInput } from "../inputs";
import type { DepartmentView } from "../list-departments";
import { departmentLevels, staffRoles } from "../model";

/** The administrator creates a department; a code in use or an unknown division is refused on its field. */
export function CreateDepartmentForm() {
  const t = useTranslations("identity.admin");
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.identity.createDepartment.mutationOptions());
  const form = useZodForm(ZCreateDepartmentInput, { defaultValues: { code: "", nameZh: "", nameEn: "", level: "province", divisionCode: "" } });
  const submit = useFormSubmit(form, (values) => mutation.mutateAsync(values), { reset: true, onDone: () => router.refresh() });
  return (
    <FormCard
      {...submit}
      legend={t("department.title")}
      success={submit.done && mutation.data ? t("department.created", { code: mutation.data.code }) : null}
      submitLabel={t("department.submit")}
    >
      <TextField form={form} name="code" label={t("department.code")} hint={t("department.codeHint")} idPrefix="dept" autoComplete="off" />
      <DepartmentFields form={form} idPrefix="dept" />
    </FormCard>
  );
}

/** Creating and editing a department: one shape (the code's rules differ, not its type). */
type DepartmentForm = UseFormReturn<UpdateDepartmentInput, unknown, z.output<typeof ZUpdateDepartmentInput>>;

/** What creating and editing a department share: the names, the level and the division. */
function DepartmentFields({ form, idPrefix }: { form: DepartmentForm; idPrefix: string }) {
  const t = useTranslations("identity.admin");
  return (
    <>
      <TextField form={form} name="nameZh" label={t("department.nameZh")} idPrefix={idPrefix} autoComplete="off" />
      <TextField form={form} name="nameEn" label={t("department.nameEn")} idPrefix={idPrefix} autoComplete="off" />
      <SelectField
        form={form}
        name="level"
        label={t("department.level")}
        options={departmentLevels.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
        idPrefix={idPrefix}
      />
      <TextField
        form={form}
        name="divisionCode"
        label={t("department.divisionCode")}
        hint={t("department.divisionHint")}
        inputMode="numeric"
        idPrefix={idPrefix}
        autoComplete="off"
      />
    </>
  );
}

/**
 * Every department (code, names, level, division, active staff) with an edit button each; the
 * department being edited opens its form under the table, which takes the focus.
 */
export function DepartmentTable({ departments }: { departments: DepartmentView[] }) {
  const t = useTranslations("identity.admin");
  const en = useLocale() === "en";
  const [editing, setEditing] = useState<string | null>(null);
  const current = departments.find((d) => d.code === editing) ?? null;
  return (
    <div className="flex flex-col gap-4">
      {/* `relative`: the screen-reader-only texts (absolutely placed) stay inside the scrolling frame. */}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full min-w-[34rem] text-left text-sm" data-testid="departments">
          <caption className="sr-only">{t("departments.editCaption")}</caption>
          <thead>
            <tr className="border-b border-slate-300 bg-slate-50">
              <th scope="col" className="px-3 py-2">
                {t("departments.code")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("departments.name")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("departments.level")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("departments.division")}
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                {t("departments.activeStaff")}
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t("departments.edit")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => {
              const division = (en ? d.divisionNameEn : d.divisionNameZh) ?? d.divisionNameZh;
              return (
                <tr key={d.code} className={`border-b border-slate-100 ${editing === d.code ? "bg-brand-50" : ""}`} data-testid={`department-${d.code}`}>
                  <th scope="row" className="px-3 py-2 font-mono font-normal break-all">
                    {d.code}
                  </th>
                  <td className="px-3 py-2">
                    <span lang="zh-CN" className="block">
                      {d.nameZh}
                    </span>
                    <span lang="en" className="block text-slate-600">
                      {d.nameEn}
                    </span>
                  </td>
                  <td className="px-3 py-2">{t(`levels.${d.level}`)}</td>
                  <td className="px-3 py-2">
                    {division ? `${division} ` : ""}
                    <span className="font-mono text-slate-600">{d.divisionCode}</span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{d.activeStaffCount}</td>
                  <td className="px-3 py-2">
                    <button
                      type="button"
                      aria-pressed={editing === d.code}
                      onClick={() => setEditing(editing === d.code ? null : d.code)}
                      className="rounded border border-brand-700 px-3 py-1 text-brand-700 hover:bg-brand-50"
                    >
                      {t("departments.edit")}
                      <span className="sr-only"> {d.code}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {current ? <EditDepartmentForm key={current.code} department={current} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}

/**
 * The administrator edits a department's names, level and division; its code stays. An unknown
 * division or an over-long name is refused on its field and nothing is written.
 */
function EditDepartmentForm({ department, onClose }: { department: DepartmentView; onClose: () => void }) {
  const t = useTranslations("identity.admin");
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.identity.updateDepartment.mutationOptions());
  const form = useZodForm(ZUpdateDepartmentInput, {
    defaultValues: {
      code: department.code,
      nameZh: department.nameZh,
      nameEn: department.nameEn,
      level: department.level,
      divisionCode: department.divisionCode,
    },
  });
  const submit = useFormSubmit(form, (values) => mutation.mutateAsync(values), {
    onDone: () => {
      form.reset(form.getValues());
      router.refresh();
    },
  });
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    frame.current?.querySelector<HTMLInputElement>("input")?.focus();
  }, []);
  const title = t("editDepartment.title", { code: department.code });
  const saved =
    mutation.data?.changed === false ? t("editDepartment.unchanged", { code: department.code }) : t("editDepartment.saved", { code: department.code });
  return (
    <div ref={frame} className="flex flex-col gap-2">
      <FormCard
        {...submit}
        legend={title}
        label={title}
        testId="edit-department"
        success={submit.done && !form.formState.isDirty ? saved : null}
        submitLabel={t("editDepartment.submit")}
      >
        <p className="text-sm text-slate-700">{t("editDepartment.codeFixed")}</p>
        <DepartmentFields form={form} idPrefix={`edit-${department.code}`} />
      </FormCard>
      <div>
        <button type="button" onClick={onClose} className="rounded border border-slate-300 px-3 py-1 text-slate-800 hover:bg-slate-50">
          {t("editDepartment.cancel")}
        </button>
      </div>
    </div>
  );
}

/**
 * The administrator creates a staff account, without a password: the administrator then sets one
 * under the staff accounts (密码重置). An unknown department or a login in use is refused on its field.
 */
export function CreateStaffAccountForm() {
  const t = useTranslations("identity.admin");
  const tr = useTranslations("profile.roles");
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.identity.createStaffAccount.mutationOptions());
  const form = useZodForm(ZCreateStaffAccountInput, {
    defaultValues: { login: "", displayName: "", role: "reviewer", departmentCode: "", departmentHead: false },
  });
  const submit = useFormSubmit(form, (values) => mutation.mutateAsync({ ...values, departmentCode: values.departmentCode || null }), {
    reset: true,
    onDone: () => router.refresh(),
  });
  return (
    <FormCard
      {...submit}
      legend={t("staff.title")}
      success={submit.done && mutation.data ? t("staff.created", { login: mutation.data.login }) : null}
      submitLabel={t("staff.submit")}
    >
      <TextField form={form} name="login" label={t("staff.login")} idPrefix="staff" autoComplete="off" />
      <TextField form={form} name="displayName" label={t("staff.displayName")} idPrefix="staff" autoComplete="off" />
      <SelectField form={form} name="role" label={t("staff.role")} options={staffRoles.map((r) => ({ value: r, label: tr(r) }))} idPrefix="staff" />
      <TextField form={form} name="departmentCode" label={t("staff.departmentCode")} hint={t("staff.departmentHint")} idPrefix="staff" autoComplete="off" />
      <CheckboxField form={form} name="departmentHead" label={t("staff.departmentHead")} idPrefix="staff" />
    </FormCard>
  );
}

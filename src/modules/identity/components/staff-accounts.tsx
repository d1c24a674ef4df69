"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { inputClass, useMessage } from "@/components/form/fields";
import { staffRoles } from "../model";
import { useTRPC } from "@/trpc/react";
import { ClientForm } from "@/components/form/client-form";

export interface StaffAccountRow {
  userId: string;
  login: string;
  displayName: string;
  role: "windowClerk" | "reviewer" | "dataOffice" | "administrator";
  active: boolean;
  departmentCode: string | null;
  /** The reviewer heads their department. */
  departmentHead: boolean;
  lastSignInAt: Date | null;
  openSessions: number;
}

/**
 * An account's role and, for a reviewer, department: saved together, since a reviewer without a
 * department is refused. Not for one's own account (the server refuses that too).
 */
function RoleForm({
  account,
  departments,
  pending,
  onSave,
  label,
}: {
  account: StaffAccountRow;
  departments: Array<{ code: string; nameZh: string; nameEn: string }>;
  pending: boolean;
  onSave: (change: { role: StaffAccountRow["role"]; departmentCode?: string | null; departmentHead?: boolean }) => void;
  label: (d: { nameZh: string; nameEn: string }) => string;
}) {
  const t = useTranslations("identity.staff");
  const tr = useTranslations("profile.roles");
  const [role, setRole] = useState(account.role);
  const [department, setDepartment] = useState(account.departmentCode ?? "");
  const [head, setHead] = useState(account.departmentHead);
  const changed = role !== account.role || (role === "reviewer" && (department !== (account.departmentCode ?? "") || head !== account.departmentHead));
  const id = `role-${account.userId}`;
  return (
    <ClientForm
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        // No department chosen for a reviewer is sent as none, for the server to refuse on its field.
        onSave({ role, ...(role === "reviewer" ? { departmentCode: department || null, departmentHead: head } : {}) });
      }}
    >
      <label className="flex flex-col gap-1 text-sm" htmlFor={`${id}-role`}>
        {t("role")}
        <select id={`${id}-role`} className={inputClass} value={role} disabled={pending} onChange={(e) => setRole(e.target.value as StaffAccountRow["role"])}>
          {staffRoles.map((r) => (
            <option key={r} value={r}>
              {tr(r)}
            </option>
          ))}
        </select>
      </label>
      {role === "reviewer" ? (
        <label className="flex flex-col gap-1 text-sm" htmlFor={`${id}-department`}>
          {t("department")}
          <select id={`${id}-department`} className={inputClass} value={department} disabled={pending} onChange={(e) => setDepartment(e.target.value)}>
            <option value="">{t("chooseDepartment")}</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {label(d)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {role === "reviewer" ? (
        <label className="flex items-center gap-2 py-2 text-sm" htmlFor={`${id}-head`}>
          <input id={`${id}-head`} type="checkbox" className="h-5 w-5" checked={head} disabled={pending} onChange={(e) => setHead(e.target.checked)} />
          {t("departmentHead")}
        </label>
      ) : null}
      <button
        type="submit"
        disabled={pending || !changed}
        className="rounded border border-brand-700 px-3 py-2 text-brand-700 hover:bg-brand-50 disabled:opacity-60"
      >
        {t("saveRole")}
        <span className="sr-only"> {account.login}</span>
      </button>
    </ClientForm>
  );
}

/**
 * The administrator's staff accounts: deactivate or reactivate, change the role or a reviewer's
 * department (neither on one's own account), reset a password. Every change ends the account's sessions at once.
 */
export function StaffAccounts({
  accounts,
  departments,
  selfId,
}: {
  accounts: StaffAccountRow[];
  departments: Array<{ code: string; nameZh: string; nameEn: string }>;
  selfId: string;
}) {
  const t = useTranslations("identity.staff");
  const tr = useTranslations("profile.roles");
  const locale = useLocale();
  const format = useFormatter();
  const translate = useMessage();
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.identity.updateStaffAccount.mutationOptions());
  const [done, setDone] = useState<{ userId: string; ended: number } | null>(null);
  const [passwords, setPasswords] = useState<Record<string, string>>({});
  const run = async (
    userId: string,
    change: { active?: boolean; role?: StaffAccountRow["role"]; departmentCode?: string | null; departmentHead?: boolean; newPassword?: string },
  ) => {
    setDone(null);
    const result = await mutation.mutateAsync({ userId, ...change }).catch(() => null);
    if (result) {
      setDone({ userId, ended: result.sessionsEnded });
      setPasswords((p) => ({ ...p, [userId]: "" }));
      router.refresh();
    }
  };
  return (
    <div className="flex flex-col gap-3">
      {mutation.error ? (
        <p role="status" className="rounded border border-seal-600 bg-red-50 px-3 py-2 text-seal-600" data-testid="staff-error">
          {translate(mutation.error.message)}
        </p>
      ) : null}
      <ul className="flex flex-col gap-3" data-testid="staff-accounts">
        {accounts.map((a) => (
          <li key={a.userId} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid={`staff-${a.login}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <p className="font-semibold">
                {a.displayName} <span className="font-mono text-sm text-slate-600">{a.login}</span>
              </p>
              <p className="text-sm text-slate-700">
                {tr(a.role)}
                {a.departmentHead ? ` · ${t("departmentHead")}` : ""} · {a.active ? t("active") : t("inactive")} ·{" "}
                {t("openSessions", { count: a.openSessions })}
                {a.lastSignInAt ? ` · ${t("lastSignIn", { at: format.dateTime(a.lastSignInAt, { dateStyle: "medium", timeStyle: "short" }) })}` : ""}
              </p>
            </div>
            {done?.userId === a.userId ? (
              <p role="status" className="text-green-900">
                {t("saved", { count: done.ended })}
              </p>
            ) : null}
            <div className="flex flex-wrap items-end gap-3">
              {a.userId !== selfId ? (
                <button
                  type="button"
                  disabled={mutation.isPending}
                  onClick={() => run(a.userId, { active: !a.active })}
                  className="rounded border border-seal-600 px-3 py-1 text-seal-600 hover:bg-red-50"
                >
                  {a.active ? t("deactivate") : t("reactivate")}
                  <span className="sr-only"> {a.login}</span>
                </button>
              ) : null}
              {a.userId !== selfId ? (
                <RoleForm
                  account={a}
                  departments={departments}
                  pending={mutation.isPending}
                  onSave={(change) => void run(a.userId, change)}
                  label={(d) => (locale === "en" ? d.nameEn : d.nameZh)}
                />
              ) : null}
              <ClientForm
                className="flex flex-wrap items-end gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  void run(a.userId, { newPassword: passwords[a.userId] ?? "" });
                }}
              >
                <label className="flex flex-col gap-1 text-sm">
                  {t("newPassword")}
                  <input
                    type="password"
                    autoComplete="new-password"
                    className={inputClass}
                    value={passwords[a.userId] ?? ""}
                    onChange={(e) => setPasswords((p) => ({ ...p, [a.userId]: e.target.value }))}
                  />
                </label>
                <button
                  type="submit"
                  disabled={mutation.isPending || !passwords[a.userId]}
                  className="rounded border border-brand-700 px-3 py-2 text-brand-700 hover:bg-brand-50 disabled:opacity-60"
                >
                  {t("resetPassword")}
                  <span className="sr-only"> {a.login}</span>
                </button>
              </ClientForm>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

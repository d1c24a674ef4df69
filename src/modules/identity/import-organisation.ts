import { eq, inArray } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { FileDepartment, FileStaff } from "./inputs";
import { normalizeLogin, staffRoles } from "./model";
import { departments, staff, users } from "./schema";
import { endAllSessions } from "./sessions";

/** See catalog's `ImportMode`: `upsert` makes the rows what the file says; `insertOnly` adds what is missing. */
type ImportMode = "upsert" | "insertOnly";

interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Loads the departments of a province file inside the caller's transaction, matched by code, and
 * returns every department's id by code (those of the file and those already there). Departments
 * missing from the file are left as they are: staff, services and tasks reference them.
 */
export async function importDepartments(
  tx: Db,
  list: readonly FileDepartment[],
  mode: ImportMode,
): Promise<{ counts: ImportCounts; ids: Map<string, string> }> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const rows = new Map((await tx.select().from(departments)).map((d) => [d.code, d]));
  for (const d of list) {
    const values = { nameZh: d.nameZh, nameEn: d.nameEn, level: d.level, divisionCode: d.divisionCode, functionCode: d.functionCode ?? null };
    const row = rows.get(d.code);
    if (!row) {
      await tx.insert(departments).values({ code: d.code, ...values });
      counts.created++;
    } else if (
      mode === "upsert" &&
      (row.nameZh !== d.nameZh ||
        row.nameEn !== d.nameEn ||
        row.level !== d.level ||
        row.divisionCode !== d.divisionCode ||
        row.functionCode !== values.functionCode)
    ) {
      await tx.update(departments).set(values).where(eq(departments.id, row.id));
      counts.updated++;
    } else counts.unchanged++;
  }
  const ids = new Map((await tx.select({ id: departments.id, code: departments.code }).from(departments)).map((d) => [d.code, d.id]));
  return { counts, ids };
}

/**
 * Loads the staff accounts of a province file inside the caller's transaction, matched by login.
 * A new account gets `passwordHash`: null (no usable password: an administrator sets one) unless
 * the caller passes the demo's. An existing account keeps its password; a changed role or
 * department ends its sessions, as the data office's edit does. A login held by an applicant is
 * refused (conflict), never turned into a staff account. Accounts missing from the file stay.
 */
export async function importStaffAccounts(
  tx: Db,
  list: readonly FileStaff[],
  departmentId: ReadonlyMap<string, string>,
  options: { mode: ImportMode; passwordHash: string | null; now: Date },
): Promise<ImportCounts> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  if (list.length === 0) return counts;
  const logins = list.map((s) => normalizeLogin(s.login));
  const existing = await tx
    .select({
      id: users.id,
      login: users.login,
      role: users.role,
      displayName: users.displayName,
      departmentId: staff.departmentId,
      departmentHead: staff.departmentHead,
    })
    .from(users)
    .leftJoin(staff, eq(staff.userId, users.id))
    .where(inArray(users.login, logins));
  const byLogin = new Map(existing.map((u) => [u.login, u]));
  for (const s of list) {
    const login = normalizeLogin(s.login);
    const deptId = s.department ? (departmentId.get(s.department) ?? null) : null;
    const head = s.role === "reviewer" && s.departmentHead === true;
    const row = byLogin.get(login);
    if (!row) {
      const [user] = await tx
        .insert(users)
        .values({ role: s.role, login, displayName: s.displayName, passwordHash: options.passwordHash, verification: "staffAccount", verifiedAt: options.now })
        .returning({ id: users.id });
      if (!user) throw new Error(`account ${login} not created`);
      await tx.insert(staff).values({ userId: user.id, departmentId: deptId, departmentHead: head });
      counts.created++;
      continue;
    }
    if (!(staffRoles as readonly string[]).includes(row.role)) throw new DomainError("conflict", "identity.errors.loginTaken", { field: "login" });
    if (
      options.mode === "insertOnly" ||
      (row.role === s.role && row.displayName === s.displayName && row.departmentId === deptId && row.departmentHead === head)
    ) {
      counts.unchanged++;
      continue;
    }
    await tx.update(users).set({ role: s.role, displayName: s.displayName }).where(eq(users.id, row.id));
    await tx
      .insert(staff)
      .values({ userId: row.id, departmentId: deptId, departmentHead: head })
      .onConflictDoUpdate({ target: staff.userId, set: { departmentId: deptId, departmentHead: head } });
    if (row.role !== s.role || row.departmentHead !== head) await endAllSessions(tx, row.id, "roleChanged", options.now);
    else if (row.departmentId !== deptId) await endAllSessions(tx, row.id, "departmentChanged", options.now);
    counts.updated++;
  }
  return counts;
}

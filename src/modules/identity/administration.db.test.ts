import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/modules/audit/schema";
import { officialDivisions } from "@/modules/divisions/model";
import { divisions } from "@/modules/divisions/schema";
import type { DatabaseHandle } from "@/server/db/client";
import { testDatabase, uniqueSuffix } from "@/root/testing/database";
import { loadActor } from "./authenticate";
import { createDepartment } from "./create-department";
import { createStaffAccount } from "./create-staff-account";
import { ZCreateDepartmentInput, ZCreateStaffAccountInput, ZUpdateDepartmentInput } from "./inputs";
import { listDepartments } from "./list-departments";
import { updateDepartment } from "./update-department";
import { updateStaffAccount } from "./update-staff-account";
import type { Actor } from "./model";
import { verifyPassword } from "./password";
import { departments, staff, users } from "./schema";

let h: DatabaseHandle;
let admin: Actor;
beforeAll(async () => {
  h = await testDatabase();
  await h.db.insert(divisions).values(officialDivisions()).onConflictDoNothing();
  const { userId } = await createStaffAccount(
    h.db,
    null,
    ZCreateStaffAccountInput.parse({ login: `admin${uniqueSuffix()}`, displayName: "省管理员", role: "administrator", password: "Admin2026pass" }),
  );
  const actor = await loadActor(h.db, userId);
  if (!actor) throw new Error("no administrator");
  admin = actor;
});

const department = (over: Record<string, unknown> = {}) =>
  ZCreateDepartmentInput.parse({
    code: `dept-${uniqueSuffix()}`,
    nameZh: "测试市场监督管理局",
    nameEn: "Test market regulation",
    level: "city",
    divisionCode: "130100",
    ...over,
  });

describe("the first administrator (command line)", () => {
  it("is created with the password hashed and never in the audit event, and a second one with that login is refused", async () => {
    const login = `first${uniqueSuffix()}`;
    const { userId } = await createStaffAccount(
      h.db,
      null,
      ZCreateStaffAccountInput.parse({ login, displayName: "首位管理员", role: "administrator", password: "First2026pass" }),
    );
    const [user] = await h.db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ role: "administrator", verification: "staffAccount" });
    expect(await verifyPassword("First2026pass", user?.passwordHash ?? "")).toBe(true);
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, userId));
    expect(events.map((e) => e.action)).toEqual(["account.create"]);
    expect(JSON.stringify(events[0]?.data)).not.toContain("First2026pass");
    expect(JSON.stringify(events[0]?.data)).not.toContain(user?.passwordHash ?? "-");
    await expect(
      createStaffAccount(
        h.db,
        null,
        ZCreateStaffAccountInput.parse({ login: login.toLowerCase(), displayName: "又一位", role: "administrator", password: "Other2026pass" }),
      ),
    ).rejects.toMatchObject({ code: "conflict", field: "login" });
  });
});

describe("the administrator", () => {
  it("creates a department, audited, and is refused a duplicate code or an unknown division", async () => {
    const input = department();
    const created = await createDepartment(h.db, admin, input);
    const [row] = await h.db.select().from(departments).where(eq(departments.id, created.id));
    expect(row).toMatchObject({ code: input.code, level: "city", divisionCode: "130100" });
    const [event] = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(event).toMatchObject({ action: "department.create", streamId: "organisation", actorUserId: admin.userId });
    await expect(createDepartment(h.db, admin, { ...input, nameZh: "另一个" })).rejects.toMatchObject({ code: "conflict", field: "code" });
    await expect(createDepartment(h.db, admin, department({ divisionCode: "999999" }))).rejects.toMatchObject({ code: "invalidInput", field: "divisionCode" });
  });

  it("creates a reviewer in a department, without a usable password unless given one", async () => {
    const d = department();
    await createDepartment(h.db, admin, d);
    const { userId } = await createStaffAccount(
      h.db,
      admin,
      ZCreateStaffAccountInput.parse({ login: `rev${uniqueSuffix()}`, displayName: "审查员", role: "reviewer", departmentCode: d.code }),
    );
    const [row] = await h.db
      .select({ passwordHash: users.passwordHash, departmentCode: departments.code })
      .from(users)
      .innerJoin(staff, eq(staff.userId, users.id))
      .leftJoin(departments, eq(departments.id, staff.departmentId))
      .where(eq(users.id, userId));
    expect(row).toEqual({ passwordHash: null, departmentCode: d.code });
  });

  it("is refused an unknown department, a reviewer without one, and a duplicate login; nothing is written", async () => {
    const login = `clerk${uniqueSuffix()}`;
    await expect(
      createStaffAccount(h.db, admin, ZCreateStaffAccountInput.parse({ login, displayName: "审查员", role: "reviewer", departmentCode: "noSuchDepartment" })),
    ).rejects.toMatchObject({ code: "invalidInput", field: "departmentCode" });
    await expect(createStaffAccount(h.db, admin, ZCreateStaffAccountInput.parse({ login, displayName: "审查员", role: "reviewer" }))).rejects.toMatchObject({
      code: "invalidInput",
      field: "departmentCode",
    });
    expect(await h.db.select().from(users).where(eq(users.login, login.toUpperCase()))).toEqual([]);
    await createStaffAccount(h.db, admin, ZCreateStaffAccountInput.parse({ login, displayName: "窗口", role: "windowClerk" }));
    await expect(createStaffAccount(h.db, admin, ZCreateStaffAccountInput.parse({ login, displayName: "窗口二", role: "windowClerk" }))).rejects.toMatchObject({
      code: "conflict",
      field: "login",
    });
  });

  it("lists every department with its level, division and active staff, and edits one: audited with what was before", async () => {
    const d = department();
    const { id } = await createDepartment(h.db, admin, d);
    const reviewers = await Promise.all(
      ["a", "b"].map((n) =>
        createStaffAccount(
          h.db,
          admin,
          ZCreateStaffAccountInput.parse({ login: `rev${n}${uniqueSuffix()}`, displayName: "审查员", role: "reviewer", departmentCode: d.code }),
        ),
      ),
    );
    await updateStaffAccount(h.db, admin, { userId: reviewers[1]!.userId, active: false });
    const listed = (await listDepartments(h.db)).find((x) => x.code === d.code);
    expect(listed).toEqual({
      id,
      code: d.code,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      level: "city",
      divisionCode: "130100",
      divisionNameZh: "石家庄市",
      divisionNameEn: expect.any(String),
      activeStaffCount: 1,
    });

    const edit = ZUpdateDepartmentInput.parse({
      code: d.code,
      nameZh: " 石家庄市测试局 ",
      nameEn: "Shijiazhuang test bureau",
      level: "county",
      divisionCode: "130102",
    });
    expect(await updateDepartment(h.db, admin, edit)).toEqual({ id, code: d.code, changed: true });
    const [row] = await h.db.select().from(departments).where(eq(departments.id, id));
    expect(row).toMatchObject({ code: d.code, nameZh: "石家庄市测试局", nameEn: "Shijiazhuang test bureau", level: "county", divisionCode: "130102" });
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    const update = events.find((e) => e.action === "department.update");
    expect(update).toMatchObject({ streamId: "organisation", actorUserId: admin.userId });
    expect(update?.data).toMatchObject({ code: d.code, before: { nameZh: d.nameZh, level: "city", divisionCode: "130100" }, after: { level: "county" } });
    // Saving what is there writes nothing, records nothing.
    expect(await updateDepartment(h.db, admin, edit)).toMatchObject({ changed: false });
    expect((await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, id))).length).toBe(events.length);
  });

  it("is refused an edit with an unknown division, a bad level, over-long names or an unknown department; nothing is written", async () => {
    const d = department();
    const { id } = await createDepartment(h.db, admin, d);
    const edit = { code: d.code, nameZh: "新名称", nameEn: "New name", level: "city", divisionCode: "130100" };
    const fieldsOf = (input: Record<string, unknown>) => {
      const parsed = ZUpdateDepartmentInput.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(fieldsOf({ ...edit, level: "nation" })).toEqual(["level: validation.required"]);
    expect(fieldsOf({ ...edit, nameZh: "长".repeat(101), nameEn: "x".repeat(201) })).toEqual([
      'nameZh: validation.form.tooLong|{"max":100}',
      'nameEn: validation.form.tooLong|{"max":200}',
    ]);
    expect(fieldsOf({ ...edit, nameZh: "  " })).toEqual(["nameZh: validation.required"]);
    expect(fieldsOf({ ...edit, divisionCode: "13010" })).toEqual(["divisionCode: identity.errors.unknownDivision"]);
    await expect(updateDepartment(h.db, admin, ZUpdateDepartmentInput.parse({ ...edit, divisionCode: "999999" }))).rejects.toMatchObject({
      code: "invalidInput",
      field: "divisionCode",
    });
    await expect(updateDepartment(h.db, admin, ZUpdateDepartmentInput.parse({ ...edit, code: `none${uniqueSuffix()}` }))).rejects.toMatchObject({
      code: "notFound",
      field: "code",
    });
    await expect(updateDepartment(h.db, { ...admin, role: "dataOffice" }, ZUpdateDepartmentInput.parse(edit))).rejects.toMatchObject({ code: "forbidden" });
    const [row] = await h.db.select().from(departments).where(eq(departments.id, id));
    expect(row).toMatchObject({ nameZh: d.nameZh, divisionCode: "130100", level: "city" });
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(events.map((e) => e.action)).toEqual(["department.create"]);
  });

  it("is the only one: the data office may create neither", async () => {
    const dataOffice: Actor = { ...admin, role: "dataOffice" };
    await expect(createDepartment(h.db, dataOffice, department())).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createStaffAccount(h.db, dataOffice, ZCreateStaffAccountInput.parse({ login: `x${uniqueSuffix()}`, displayName: "某人", role: "windowClerk" })),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});

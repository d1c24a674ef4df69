import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { officialDivisions } from "@/modules/divisions/model";
import { divisions } from "@/modules/divisions/schema";
import type { DatabaseHandle } from "@/server/db/client";
import { testDatabase, uniqueSuffix } from "@/root/testing/database";
import { loadActor } from "./authenticate";
import { listStaffAccounts } from "./list-staff-accounts";
import { createDepartment } from "./create-department";
import { createStaffAccount } from "./create-staff-account";
import { ZCreateDepartmentInput, ZCreateStaffAccountInput } from "./inputs";
import type { Actor } from "./model";
import { staff } from "./schema";
import { updateStaffAccount, ZUpdateStaffAccountInput } from "./update-staff-account";

let h: DatabaseHandle;
let admin: Actor;
const codes = { a: `head-a-${uniqueSuffix()}`, b: `head-b-${uniqueSuffix()}` };

beforeAll(async () => {
  h = await testDatabase();
  await h.db.insert(divisions).values(officialDivisions()).onConflictDoNothing();
  const first = await createStaffAccount(
    h.db,
    null,
    ZCreateStaffAccountInput.parse({ login: `admin${uniqueSuffix()}`, displayName: "省管理员", role: "administrator", password: "Admin2026pass" }),
  );
  admin = (await loadActor(h.db, first.userId)) as Actor;
  for (const code of Object.values(codes))
    await createDepartment(h.db, admin, ZCreateDepartmentInput.parse({ code, nameZh: "测试局", nameEn: "Test bureau", level: "city", divisionCode: "130100" }));
});

const headOf = async (userId: string) => (await h.db.select({ head: staff.departmentHead }).from(staff).where(eq(staff.userId, userId)))[0]?.head;

describe("a department head (部门负责人)", () => {
  it("is a reviewer created as head, and the actor says so; a plain reviewer is not", async () => {
    const head = await createStaffAccount(
      h.db,
      admin,
      ZCreateStaffAccountInput.parse({
        login: `head${uniqueSuffix()}`,
        displayName: "负责人",
        role: "reviewer",
        departmentCode: codes.a,
        departmentHead: true,
      }),
    );
    const plain = await createStaffAccount(
      h.db,
      admin,
      ZCreateStaffAccountInput.parse({ login: `rev${uniqueSuffix()}`, displayName: "审查员", role: "reviewer", departmentCode: codes.a }),
    );
    expect((await loadActor(h.db, head.userId))?.departmentHead).toBe(true);
    expect((await loadActor(h.db, plain.userId))?.departmentHead).toBe(false);
    // The administrator's list of staff accounts says who heads a department.
    const listed = await listStaffAccounts(h.db);
    expect(listed.find((a) => a.userId === head.userId)?.departmentHead).toBe(true);
    expect(listed.find((a) => a.userId === plain.userId)?.departmentHead).toBe(false);
  });

  it("is refused for any other role, and nothing is written", async () => {
    const login = `clerk${uniqueSuffix()}`;
    await expect(
      createStaffAccount(h.db, admin, ZCreateStaffAccountInput.parse({ login, displayName: "窗口", role: "windowClerk", departmentHead: true })),
    ).rejects.toMatchObject({ code: "invalidInput", field: "departmentHead" });
    const clerk = await createStaffAccount(h.db, admin, ZCreateStaffAccountInput.parse({ login, displayName: "窗口", role: "windowClerk" }));
    await expect(updateStaffAccount(h.db, admin, ZUpdateStaffAccountInput.parse({ userId: clerk.userId, departmentHead: true }))).rejects.toMatchObject({
      code: "invalidInput",
      field: "departmentHead",
    });
    expect(await headOf(clerk.userId)).toBe(false);
  });

  it("is given and taken by an edit, and a move to another department drops it unless given again", async () => {
    const r = await createStaffAccount(
      h.db,
      admin,
      ZCreateStaffAccountInput.parse({ login: `rev${uniqueSuffix()}`, displayName: "审查员", role: "reviewer", departmentCode: codes.a }),
    );
    await updateStaffAccount(h.db, admin, ZUpdateStaffAccountInput.parse({ userId: r.userId, departmentHead: true }));
    expect(await headOf(r.userId)).toBe(true);
    await updateStaffAccount(h.db, admin, ZUpdateStaffAccountInput.parse({ userId: r.userId, departmentCode: codes.b }));
    expect(await headOf(r.userId)).toBe(false);
    await updateStaffAccount(h.db, admin, ZUpdateStaffAccountInput.parse({ userId: r.userId, departmentCode: codes.a, departmentHead: true }));
    expect(await headOf(r.userId)).toBe(true);
    await updateStaffAccount(h.db, admin, ZUpdateStaffAccountInput.parse({ userId: r.userId, departmentHead: false }));
    expect(await headOf(r.userId)).toBe(false);
  });
});

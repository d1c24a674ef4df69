import { eq } from "drizzle-orm";
import { departments } from "@/modules/identity/schema";
import { rotateDepartmentKey } from "@/modules/sharing/registry";
import { scriptError } from "./script-error";
import { openScriptDatabase } from "./open-database";

// `npm run keys:rotate -- <departmentCode|--all>`: retires each department's active signing key
// and makes a new one (one transaction per department, audited on the `keys` stream). The retired
// key still verifies what it signed while it was valid. With the embedded database stop the
// portal first: PGlite allows one process per data folder.
const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run keys:rotate -- <departmentCode|--all>");
  process.exit(2);
}
const handle = await openScriptDatabase();
try {
  const chosen =
    target === "--all"
      ? await handle.db.select({ id: departments.id, code: departments.code }).from(departments).orderBy(departments.code)
      : await handle.db.select({ id: departments.id, code: departments.code }).from(departments).where(eq(departments.code, target));
  if (chosen.length === 0) throw new Error(`no department with code ${target}`);
  for (const d of chosen) {
    const r = await rotateDepartmentKey(handle.db, d.id, new Date());
    console.log(
      `${r.departmentCode}: new key ${r.keyId} valid from ${r.validFrom.toISOString()}${r.retiredKeyId ? `; key ${r.retiredKeyId} retired then` : ""}`,
    );
  }
} catch (error) {
  console.error(`Key rotation failed: ${scriptError(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}

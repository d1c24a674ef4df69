import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, describe, it } from "vitest";
import plugin from "./tongban.mjs";

// RuleTester runs its cases as tests of the framework it is given.
Object.assign(RuleTester, { afterAll, describe, it });

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: "module" } });
const file = (p: string) => `/repo/src/${p}`;

tester.run("no-foreign-writes", plugin.rules["no-foreign-writes"], {
  valid: [
    { filename: file("modules/registration/x.ts"), code: `import { entities } from "../identity/schema"; db.select().from(entities);` },
    { filename: file("modules/registration/x.ts"), code: `import { enterpriseNames } from "./schema"; tx.update(enterpriseNames).set({});` },
    // Applications and review are one group (casework).
    { filename: file("modules/applications/x.ts"), code: `import { reviewTasks } from "../review/schema"; tx.update(reviewTasks).set({});` },
    {
      filename: file("modules/identity/x.test.ts"),
      code: `import { certificates } from "@/modules/sharing/registry-schema"; db.insert(certificates).values({});`,
    },
    { filename: file("root/seed/demo.ts"), code: `import { entities } from "@/modules/identity/schema"; db.insert(entities).values({});` },
  ],
  invalid: [
    {
      filename: file("modules/registration/x.ts"),
      code: `import { entities } from "../identity/schema"; tx.insert(entities).values({});`,
      errors: [{ messageId: "foreignWrite" }],
    },
    {
      filename: file("modules/registration/x.ts"),
      code: `import { applications } from "@/modules/applications/schema"; tx.update(applications).set({});`,
      errors: [{ messageId: "foreignWrite" }],
    },
    { filename: file("modules/review/x.ts"), code: `import { grants as g } from "../sharing/schema"; tx.delete(g);`, errors: [{ messageId: "foreignWrite" }] },
  ],
});

tester.run("registry-behind-the-gate", plugin.rules["registry-behind-the-gate"], {
  valid: [
    { filename: file("modules/sharing/gate.ts"), code: "db.query.certificates.findMany(); sql`select * from certificates`;" },
    { filename: file("modules/catalog/x.ts"), code: "sql`select * from certificate_types`; db.query.services.findMany();" },
  ],
  invalid: [
    { filename: file("modules/review/x.ts"), code: "db.query.certificates.findFirst();", errors: [{ messageId: "relational" }] },
    { filename: file("app/x.ts"), code: "tx.query.departmentKeys.findMany();", errors: [{ messageId: "relational" }] },
    { filename: file("modules/openData/x.ts"), code: "db.execute(sql`select count(*) from certificates`);", errors: [{ messageId: "sqlText" }] },
    { filename: file("modules/openData/x.ts"), code: "db.execute(sql`select 1 from department_keys where x`);", errors: [{ messageId: "sqlText" }] },
  ],
});

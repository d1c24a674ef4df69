import { randomUUID } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/modules/identity/model";
import type { DatabaseHandle } from "@/server/db/client";
import { onPostgres, testDatabase } from "@/root/testing/database";
import { createTestBundle, ensureDemo, newEnterprise } from "@/root/testing/fixtures";
import { ZSubmitApplicationInput } from "./inputs";
import { trackingNumberPattern } from "./model";
import { applications } from "./schema";
import { submitApplication } from "./submit-application";

// Row locks and waits need real PostgreSQL: PGlite is one connection and serialises everything.
describe.skipIf(!onPostgres)("tracking numbers on PostgreSQL", () => {
  let h: DatabaseHandle;
  let code: string;
  let applicant: Actor;
  // A day no other test submits on, so this file's numbers of the division are its own.
  const now = new Date("2026-11-17T02:00:00Z");

  beforeAll(async () => {
    h = await testDatabase();
    await ensureDemo(h.db);
    ({ code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]));
    applicant = await newEnterprise(h.db);
  });

  const input = (projectName: string) =>
    ZSubmitApplicationInput.parse({ subject: { kind: "bundle", code }, idempotencyKey: randomUUID(), formData: { projectName }, materials: {}, consent: true });

  it("concurrent submissions of one division all get a readable number, none twice, none lost, no gaps", { timeout: 300_000 }, async () => {
    const count = Number(process.env.TRACKING_SUBMISSIONS ?? 200);
    const results = await Promise.all(Array.from({ length: count }, (_, i) => submitApplication(h.db, applicant, input(`项目${i}`), now)));
    const numbers = results.map((r) => r.trackingNumber);
    expect(new Set(numbers).size).toBe(count);
    for (const n of numbers) {
      expect(n).toMatch(trackingNumberPattern);
      expect(n.slice(6, 14)).toBe("20261117");
    }
    // Every row that was submitted carries the number its submitter was told.
    const rows = await h.db
      .select({ id: applications.id, trackingNumber: applications.trackingNumber })
      .from(applications)
      .where(
        inArray(
          applications.id,
          results.map((r) => r.id),
        ),
      );
    expect(new Map(rows.map((r) => [r.id, r.trackingNumber]))).toEqual(new Map(results.map((r) => [r.id, r.trackingNumber])));
    // Dense: the sequences of one division and day follow each other (a rollback gives its number back).
    const sequences = numbers.map((n) => Number(n.slice(14))).sort((a, b) => a - b);
    expect(sequences.at(-1)! - sequences[0]! + 1).toBe(count);
  });

  it("a submission of the division commits while another one's transaction is still open", { timeout: 60_000 }, async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    // The first submission stops inside its transaction, after its checks, materials and audit
    // event (a slow step), and stays there until released.
    const first = submitApplication(h.db, applicant, input("慢"), now, {
      alsoInTransaction: async () => {
        entered();
        await held;
      },
    });
    await inside;

    // Meanwhile, a second one of the same division: it must commit, not wait on the first's
    // lock of the division's day counter. Whichever comes first decides: its commit, or a
    // backend seen waiting for a lock on the counter.
    let watching = true;
    const waitedOnCounter = (async () => {
      while (watching) {
        const { rows } = (await h.db.execute(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%tracking_sequences%'`,
        )) as unknown as { rows: Array<{ n: number }> };
        if ((rows[0]?.n ?? 0) > 0) return "waited on the counter" as const;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return "stopped" as const;
    })();
    const second = submitApplication(h.db, applicant, input("快"), now);
    const outcome = await Promise.race([second.then(() => "committed" as const), waitedOnCounter]);
    watching = false;
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(outcome).toBe("committed");
    expect(a.trackingNumber).not.toBe(b.trackingNumber);
    // The one that committed first took the earlier number.
    expect(Number(b.trackingNumber.slice(14))).toBeLessThan(Number(a.trackingNumber.slice(14)));
  });
});

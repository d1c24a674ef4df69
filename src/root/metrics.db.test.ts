import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { createTestBundle, newEnterprise, withDemo } from "@/root/testing/fixtures";
import { setMetricsDatabase } from "@/server/metrics";
import { renderMetrics, resetMetricsCache } from "./metrics";

const { h, clerk } = await withDemo({ clerk: "clerk" });
setMetricsDatabase(h);
afterAll(() => setMetricsDatabase(undefined));

/** One sample's value in Prometheus text, by metric name and labels (0 when absent). */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split("\n")) {
    const m = /^([^{\s]+)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(m[3]);
  }
  return 0;
}

async function scrape(): Promise<string> {
  resetMetricsCache();
  const { contentType, body } = await renderMetrics();
  expect(contentType).toContain("text/plain");
  return body;
}

describe("the metrics of a node", () => {
  it("count a department's open and overdue tasks and the outbox backlog, and move when a case is accepted", async () => {
    const before = await scrape();
    for (const name of [
      "tongban_http_request_duration_seconds",
      "tongban_db_pool_connections",
      "tongban_job_queue_depth",
      "tongban_job_queue_oldest_age_seconds",
      "tongban_outbox_pending",
      "tongban_outbox_oldest_age_seconds",
      "tongban_review_tasks_open",
      "tongban_review_tasks_overdue",
      "process_resident_memory_bytes",
    ]) {
      expect(before).toContain(`# TYPE ${name} `);
    }
    expect(value(before, "tongban_db_pool_connections", { engine: h.kind === "pglite" ? "pglite" : "postgres", state: "total" })).toBeGreaterThanOrEqual(1);

    // Accepted on Monday 2 March 2026 with five working days: long overdue today.
    const monday = new Date("2026-03-02T01:00:00Z");
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const applicant = await newEnterprise(h.db);
    const s = await submitApplication(
      h.db,
      applicant,
      ZSubmitApplicationInput.parse({
        subject: { kind: "bundle", code },
        idempotencyKey: randomUUID(),
        formData: { projectName: "x" },
        materials: {},
        consent: true,
      }),
      monday,
    );
    const [row] = await h.db.select().from(applications).where(eq(applications.id, s.id));
    await acceptApplication(h.db, clerk, { applicationId: s.id, version: row?.version ?? 0 }, monday);

    const after = await scrape();
    expect(value(after, "tongban_review_tasks_open", { department: "market" })).toBe(value(before, "tongban_review_tasks_open", { department: "market" }) + 1);
    expect(value(after, "tongban_review_tasks_overdue", { department: "market" })).toBe(
      value(before, "tongban_review_tasks_overdue", { department: "market" }) + 1,
    );
    expect(value(after, "tongban_outbox_pending")).toBeGreaterThan(value(before, "tongban_outbox_pending"));
    expect(value(after, "tongban_outbox_oldest_age_seconds")).toBeGreaterThan(0);
    // Departments are labelled by their short code: a bounded set, nothing personal.
    const departments = [...after.matchAll(/department="([^"]*)"/g)].map((m) => m[1]);
    expect(departments.length).toBeGreaterThan(0);
    for (const d of departments) expect(d).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
  });
});

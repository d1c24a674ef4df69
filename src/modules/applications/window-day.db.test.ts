import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestBundle, newEnterprise, withDemo } from "@/root/testing/fixtures";
import { acceptApplication } from "./accept-application";
import { getApplication } from "./get-application";
import { ZProcessedInput, ZRequestCompletionInput, ZSubmitApplicationInput } from "./inputs";
import { listAcceptanceQueue, listProcessed } from "./list-applications";
import { refuseApplication } from "./refuse-application";
import { requestCompletion } from "./request-completion";
import { applications } from "./schema";
import { submitApplication } from "./submit-application";

const { h, clerk } = await withDemo({ clerk: "clerk" });

async function submitted(at: Date) {
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
    at,
  );
  const [app] = await h.db.select().from(applications).where(eq(applications.id, s.id));
  if (!app) throw new Error("submitted");
  return app;
}

// Received Wednesday 30 September 2026, 10:00 in Shanghai. National Day: 1–7 October off,
// Saturday 10 October a make-up working day. Working days after receipt: 8, 9, 10, 12, 13 October.
const eveOfNationalDay = new Date("2026-09-30T02:00:00Z");

describe("the window's acceptance deadline", () => {
  it("is stored at submission, 5 working days on the official calendar, across the National Day holiday", async () => {
    const app = await submitted(eveOfNationalDay);
    expect(app.acceptanceDueAt?.toISOString()).toBe("2026-10-13T15:59:59.999Z");
    expect(app.acceptanceDueProvisional).toBe(false);
    // The case page and the receipt read it from the view.
    const view = await getApplication(h.db, clerk, app.id, eveOfNationalDay);
    expect(view.acceptanceDueAt?.toISOString()).toBe("2026-10-13T15:59:59.999Z");
  });

  it("counts down on the window's queue and shows when it is overdue", async () => {
    const app = await submitted(eveOfNationalDay);
    const row = async (now: Date) => (await listAcceptanceQueue(h.db, clerk, { status: "submitted" }, now)).find((r) => r.id === app.id);
    // Friday 9 October: Saturday 10 (make-up), Monday 12, Tuesday 13 remain.
    expect(await row(new Date("2026-10-09T02:00:00Z"))).toMatchObject({ remainingDays: 3, overdue: false });
    expect(await row(new Date("2026-10-13T09:00:00Z"))).toMatchObject({ remainingDays: 0, overdue: false });
    expect(await row(new Date("2026-10-14T02:00:00Z"))).toMatchObject({ remainingDays: -1, overdue: true });
  });
});

describe("the window's processed cases", () => {
  it("keeps what the window accepted, returned and refused, searchable", async () => {
    const monday = new Date("2026-03-02T01:00:00Z");
    const accepted = await submitted(monday);
    const returned = await submitted(monday);
    const refused = await submitted(monday);
    const waiting = await submitted(monday);
    await acceptApplication(h.db, clerk, { applicationId: accepted.id, version: accepted.version }, new Date("2026-03-03T01:00:00Z"));
    await requestCompletion(
      h.db,
      clerk,
      ZRequestCompletionInput.parse({ applicationId: returned.id, version: returned.version, items: [{ text: "请补充场所照片" }] }),
      new Date("2026-03-03T02:00:00Z"),
    );
    await refuseApplication(
      h.db,
      clerk,
      { applicationId: refused.id, version: refused.version, reason: "不属于本机关职权范围", confirmed: true },
      new Date("2026-03-03T03:00:00Z"),
    );

    const search = async (q: string) => (await listProcessed(h.db, clerk, ZProcessedInput.parse({ q }))).rows;
    expect((await search(accepted.trackingNumber ?? "")).map((r) => [r.id, r.outcome])).toEqual([[accepted.id, "accepted"]]);
    expect((await search(returned.trackingNumber ?? "")).map((r) => [r.id, r.outcome])).toEqual([[returned.id, "returned"]]);
    // When it was returned: the case's own notice (not some other notice, not none).
    expect((await search(returned.trackingNumber ?? ""))[0]?.at).toEqual(new Date("2026-03-03T02:00:00Z"));
    expect((await search(refused.trackingNumber ?? "")).map((r) => [r.id, r.outcome])).toEqual([[refused.id, "refused"]]);
    // Not processed yet: not in the list, however it is searched.
    expect(await search(waiting.trackingNumber ?? "")).toEqual([]);
    expect((await search(refused.holderCode)).map((r) => r.id)).toEqual([refused.id]);
    expect((await search(refused.applicantName.slice(-8))).map((r) => r.id)).toContain(refused.id);
    // The search is bounded.
    expect(ZProcessedInput.safeParse({ q: "x".repeat(65) }).success).toBe(false);
  });
});

import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import type { Actor } from "@/modules/identity/model";
import { outbox } from "@/modules/notifications/schema";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { actorByLogin, createTestBundle, newCitizen, reviewer, withDemo, type TestStep } from "@/root/testing/fixtures";
import { answerRectification } from "./answer-rectification";
import { appealRectification } from "./appeal-rectification";
import { decideAppeal } from "./decide-appeal";
import { departmentRatingFigures } from "./department-figures";
import { inviteRaters } from "./invite-raters";
import { caseRatings, departmentRatings, departmentRectifications, officeRectifications } from "./list-ratings";
import { rateApplication } from "./rate-application";
import { ratingInvitations, ratings, rectificationItems } from "./schema";

const { h, clerk } = await withDemo({ clerk: "clerk" });
const market = await reviewer(h.db, "market");
const tax = await reviewer(h.db, "tax");
const dataOffice = await actorByLogin(h.db, "dataoffice");
const marketId = market.departmentId!;

// Tuesday 29 September 2026, 09:00 in China: National Day (1–7 October) and the make-up Saturday
// (10 October) lie within the next five working days.
const ratingDay = new Date("2026-09-29T01:00:00Z");
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
const daysAfter = (at: Date, days: number) => minutesAfter(at, days * 24 * 60);

async function submittedCase(applicant: Actor, steps: TestStep[], at: Date) {
  const { code } = await createTestBundle(h.db, steps);
  const submitted = await submitApplication(
    h.db,
    applicant,
    ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code },
      idempotencyKey: randomUUID(),
      formData: { projectName: "示例项目" },
      materials: {},
      consent: true,
    }),
    minutesAfter(at, -180),
  );
  const [app] = await h.db.select({ v: applications.version }).from(applications).where(eq(applications.id, submitted.id));
  await acceptApplication(h.db, clerk, { applicationId: submitted.id, version: app!.v }, minutesAfter(at, -120));
  return submitted.id;
}

/** A case every department of `steps` denied (the application is denied: finished). */
async function deniedCase(applicant: Actor, steps: TestStep[], at: Date) {
  const id = await submittedCase(applicant, steps, at);
  for (const step of steps) {
    const actor = await reviewer(h.db, step.department);
    const [task] = (await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, id))).filter((t) => t.stepKey === step.key);
    const claimed = await claimTask(h.db, actor, { taskId: task!.id, version: task!.version }, minutesAfter(at, -60));
    await decideTask(
      h.db,
      actor,
      { taskId: task!.id, version: claimed.version, outcome: "denied", reason: "经营场所不符合卫生要求", confirmed: true } as never,
      minutesAfter(at, -30),
    );
  }
  return id;
}

const countRows = async (applicationId: string) => ({
  ratings: (await h.db.select().from(ratings).where(eq(ratings.applicationId, applicationId))).length,
  items: (await h.db.select().from(rectificationItems).where(eq(rectificationItems.applicationId, applicationId))).length,
});

describe("the rectification loop (差评整改)", () => {
  it("a 不满意 opens an item due 5 working days later across National Day; the department replies; the applicant appeals once; the data office decides", async () => {
    const citizen = await newCitizen(h.db, "冯创业");
    const appId = await deniedCase(citizen, [{ key: "a", department: "market" }], ratingDay);

    const before = await caseRatings(h.db, citizen, { applicationId: appId }, ratingDay);
    expect(before.ratable).toBe(true);
    expect(before.targets.map((t) => t.departmentId)).toEqual([null, marketId]);

    await rateApplication(h.db, citizen, { applicationId: appId, level: "satisfied" }, ratingDay);
    const rated = await rateApplication(
      h.db,
      citizen,
      { applicationId: appId, departmentId: marketId, level: "dissatisfied", tags: ["speed", "attitude"], comment: "等待时间太长" },
      ratingDay,
    );
    expect(rated.rectificationItemId).toBeTruthy();
    const [item] = await h.db.select().from(rectificationItems).where(eq(rectificationItems.id, rated.rectificationItemId!));
    // 30 Sep (1), National Day 1–7 Oct, 8 Oct (2), 9 Oct (3), Saturday 10 Oct a make-up working day (4), 12 Oct (5).
    expect(item).toMatchObject({ status: "open", departmentId: marketId, openedOn: "2026-09-29", dueOn: "2026-10-12" });
    const told = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, appId), eq(outbox.kind, "rectificationOpened")));
    expect(told[0]?.recipientUserIds).toContain(market.userId);

    // The department sees what it must answer, and no one's name.
    const mine = await departmentRectifications(h.db, market, ratingDay);
    const shown = mine.find((i) => i.id === item!.id);
    expect(shown).toMatchObject({ level: "dissatisfied", comment: "等待时间太长", dueOn: "2026-10-12", late: false });
    expect(JSON.stringify(mine)).not.toContain("冯创业");
    expect(JSON.stringify(await departmentRatings(h.db, market))).not.toContain("冯创业");
    // Another department does not see it, nor answer it.
    expect((await departmentRectifications(h.db, tax, ratingDay)).some((i) => i.id === item!.id)).toBe(false);
    const answer = {
      itemId: item!.id,
      version: item!.version,
      classification: "justified",
      classificationReason: "窗口排队时间过长属实",
      reply: "已增派人手",
      changes: "高峰期增开两个窗口",
    } as const;
    await expect(answerRectification(h.db, tax, answer, daysAfter(ratingDay, 1))).rejects.toMatchObject({ code: "notFound" });

    // A reply without a classification: a field error, nothing written.
    await expect(answerRectification(h.db, market, { ...answer, classification: "" as never }, daysAfter(ratingDay, 1))).rejects.toMatchObject({
      name: "ZodError",
      issues: [expect.objectContaining({ path: ["classification"], message: "ratings.errors.classification" })],
    });
    expect((await h.db.select().from(rectificationItems).where(eq(rectificationItems.id, item!.id)))[0]?.status).toBe("open");

    // Answered on 9 October, within its 5 working days.
    const answered = await answerRectification(h.db, market, answer, new Date("2026-10-09T03:00:00Z"));
    const seen = await caseRatings(h.db, citizen, { applicationId: appId }, new Date("2026-10-09T04:00:00Z"));
    const target = seen.targets.find((t) => t.departmentId === marketId);
    expect(target?.rating).toMatchObject({ level: "dissatisfied", tags: ["speed", "attitude"] });
    expect(target?.rectification).toMatchObject({
      status: "answered",
      classification: "justified",
      reply: "已增派人手",
      changes: "高峰期增开两个窗口",
      answeredOn: "2026-10-09",
      late: false,
      mayAppeal: true,
    });
    expect(
      (
        await h.db
          .select()
          .from(outbox)
          .where(and(eq(outbox.applicationId, appId), eq(outbox.kind, "rectificationAnswered")))
      ).length,
    ).toBe(1);

    // Changing the rating within 7 days opens no second item.
    await rateApplication(h.db, citizen, { applicationId: appId, departmentId: marketId, level: "veryDissatisfied" }, daysAfter(ratingDay, 6));
    expect(await countRows(appId)).toEqual({ ratings: 2, items: 1 });

    // The applicant appeals once; a second appeal is refused.
    const appealed = await appealRectification(
      h.db,
      citizen,
      { itemId: item!.id, version: answered.version, reason: "整改措施没有落实" },
      daysAfter(ratingDay, 11),
    );
    await expect(
      appealRectification(h.db, citizen, { itemId: item!.id, version: appealed.version, reason: "再次申诉理由" }, daysAfter(ratingDay, 11)),
    ).rejects.toMatchObject({ code: "illegalTransition" });
    const office = await officeRectifications(h.db, daysAfter(ratingDay, 11));
    expect(office.appealed.find((i) => i.id === item!.id)).toMatchObject({ appealReason: "整改措施没有落实", departmentZh: expect.any(String) });

    // A reviewer may not decide an appeal; the data office does, with its reason.
    await expect(
      decideAppeal(h.db, market, { itemId: item!.id, version: appealed.version, decision: "upholdAppeal", reason: "理由充分" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await decideAppeal(
      h.db,
      dataOffice,
      { itemId: item!.id, version: appealed.version, decision: "dismissAppeal", reason: "整改措施已核实落实" },
      daysAfter(ratingDay, 12),
    );
    const final = await caseRatings(h.db, citizen, { applicationId: appId }, daysAfter(ratingDay, 12));
    expect(final.targets.find((t) => t.departmentId === marketId)?.rectification).toMatchObject({
      status: "appealDismissed",
      appealDecision: "dismissAppeal",
      appealDecisionReason: "整改措施已核实落实",
      mayAppeal: false,
    });

    const actions = (await h.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.streamId, appId))).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "rating.rate",
        "rating.change",
        "rectification.open",
        "rectification.answer",
        "rectification.appeal",
        "rectification.dismissAppeal",
      ]),
    );
  });

  it("an item not answered by its due day is listed late for the data office, and an answer after it counts late", async () => {
    const citizen = await newCitizen(h.db, "冯晚办");
    const appId = await deniedCase(citizen, [{ key: "a", department: "market" }], ratingDay);
    const { rectificationItemId } = await rateApplication(
      h.db,
      citizen,
      { applicationId: appId, departmentId: marketId, level: "veryDissatisfied" },
      ratingDay,
    );
    const onDueDay = await officeRectifications(h.db, new Date("2026-10-12T09:00:00Z"));
    expect(onDueDay.open.some((i) => i.id === rectificationItemId)).toBe(true);
    expect(onDueDay.late.some((i) => i.id === rectificationItemId)).toBe(false);
    const after = await officeRectifications(h.db, new Date("2026-10-13T01:00:00Z"));
    expect(after.late.find((i) => i.id === rectificationItemId)).toMatchObject({ late: true, dueOn: "2026-10-12", status: "open" });

    const [item] = await h.db.select().from(rectificationItems).where(eq(rectificationItems.id, rectificationItemId!));
    await answerRectification(
      h.db,
      market,
      {
        itemId: item!.id,
        version: item!.version,
        classification: "notJustified",
        classificationReason: "材料确实不符合要求",
        reply: "已电话说明不予许可的理由",
      },
      new Date("2026-10-13T02:00:00Z"),
    );
    const later = await officeRectifications(h.db, new Date("2026-10-14T01:00:00Z"));
    expect(later.late.find((i) => i.id === rectificationItemId)).toMatchObject({ status: "answered", answeredOn: "2026-10-13", late: true });
    expect(later.open.some((i) => i.id === rectificationItemId)).toBe(false);
  });
});

describe("bad input: refused, nothing written", () => {
  it("refuses another's case, an unfinished case, an unknown level or tag, a long comment, a department that did not decide, and a change after 7 days", async () => {
    const citizen = await newCitizen(h.db, "冯评价");
    const stranger = await newCitizen(h.db, "冯路人");
    const appId = await deniedCase(citizen, [{ key: "a", department: "market" }], ratingDay);
    const unfinished = await submittedCase(citizen, [{ key: "a", department: "market" }], ratingDay);

    await expect(rateApplication(h.db, stranger, { applicationId: appId, level: "satisfied" }, ratingDay)).rejects.toMatchObject({
      code: "notFound",
      field: "applicationId",
    });
    await expect(rateApplication(h.db, citizen, { applicationId: unfinished, level: "satisfied" }, ratingDay)).rejects.toMatchObject({
      code: "illegalTransition",
      field: "applicationId",
    });
    await expect(rateApplication(h.db, citizen, { applicationId: appId, level: "excellent" as never }, ratingDay)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["level"], message: "ratings.errors.level" })],
    });
    await expect(rateApplication(h.db, citizen, { applicationId: appId, level: "satisfied", tags: ["price" as never] }, ratingDay)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["tags", 0] })],
    });
    await expect(rateApplication(h.db, citizen, { applicationId: appId, level: "satisfied", comment: "慢".repeat(501) }, ratingDay)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["comment"] })],
    });
    await expect(
      rateApplication(h.db, citizen, { applicationId: appId, departmentId: tax.departmentId!, level: "satisfied" }, ratingDay),
    ).rejects.toMatchObject({ field: "departmentId" });
    expect(await countRows(appId)).toEqual({ ratings: 0, items: 0 });
    expect(await countRows(unfinished)).toEqual({ ratings: 0, items: 0 });
    expect((await caseRatings(h.db, citizen, { applicationId: unfinished }, ratingDay)).ratable).toBe(false);

    await rateApplication(h.db, citizen, { applicationId: appId, level: "basicallySatisfied" }, ratingDay);
    // Within 7 calendar days it may change; after them it stands.
    await rateApplication(h.db, citizen, { applicationId: appId, level: "satisfied" }, daysAfter(ratingDay, 7));
    await expect(
      rateApplication(h.db, citizen, { applicationId: appId, level: "verySatisfied" }, minutesAfter(daysAfter(ratingDay, 7), 1)),
    ).rejects.toMatchObject({ code: "conflict", field: "level" });
    const [overall] = await h.db.select().from(ratings).where(eq(ratings.applicationId, appId));
    expect(overall).toMatchObject({ level: "satisfied", version: 2 });
  });
});

describe("the invitation and the department's figures", () => {
  it("invites the applicant of a finished case once, and counts a department's ratings and rectification timeliness for a period", async () => {
    const citizen = await newCitizen(h.db, "冯统计");
    const appId = await deniedCase(citizen, [{ key: "a", department: "market" }], ratingDay);
    await inviteRaters(h.db, ratingDay);
    await inviteRaters(h.db, minutesAfter(ratingDay, 10));
    expect(await h.db.select().from(ratingInvitations).where(eq(ratingInvitations.applicationId, appId))).toHaveLength(1);
    const invited = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, appId), eq(outbox.kind, "ratingInvited")));
    expect(invited).toHaveLength(1);
    expect(invited[0]?.recipientUserIds).toContain(citizen.userId);

    // Figures for a day of its own (2026-11-02), so other tests' ratings do not count.
    const day = new Date("2026-11-02T02:00:00Z");
    const before = await departmentRatingFigures(h.db, { departmentId: marketId, from: "2026-11-02", to: "2026-11-02" }, day);
    const { rectificationItemId } = await rateApplication(h.db, citizen, { applicationId: appId, departmentId: marketId, level: "dissatisfied" }, day);
    const other = await deniedCase(citizen, [{ key: "a", department: "market" }], day);
    await rateApplication(h.db, citizen, { applicationId: other, departmentId: marketId, level: "verySatisfied" }, day);
    const after = await departmentRatingFigures(h.db, { departmentId: marketId, from: "2026-11-02", to: "2026-11-02" }, day);
    expect(after.levels.dissatisfied - before.levels.dissatisfied).toBe(1);
    expect(after.levels.verySatisfied - before.levels.verySatisfied).toBe(1);
    expect(after.ratings - before.ratings).toBe(2);
    expect(after.rectification.opened - before.rectification.opened).toBe(1);
    expect(after.rectification.openNotDue - before.rectification.openNotDue).toBe(1);
    // Judged after its due day (9 Nov), unanswered: late.
    const judgedLate = await departmentRatingFigures(h.db, { departmentId: marketId, from: "2026-11-02", to: "2026-11-02" }, new Date("2026-11-10T02:00:00Z"));
    expect(judgedLate.rectification.openLate).toBeGreaterThanOrEqual(1);
    const [item] = await h.db.select().from(rectificationItems).where(eq(rectificationItems.id, rectificationItemId!));
    expect(item?.dueOn).toBe("2026-11-09");
    await answerRectification(
      h.db,
      market,
      { itemId: item!.id, version: item!.version, classification: "justified", classificationReason: "审查时间偏长属实", reply: "已优化流程" },
      new Date("2026-11-04T02:00:00Z"),
    );
    const answered = await departmentRatingFigures(h.db, { departmentId: marketId, from: "2026-11-02", to: "2026-11-02" }, new Date("2026-11-10T02:00:00Z"));
    expect(answered.rectification.answeredOnTime - before.rectification.answeredOnTime).toBe(1);
    await expect(departmentRatingFigures(h.db, { departmentId: marketId, from: "2026-11-03", to: "2026-11-02" })).rejects.toMatchObject({ name: "ZodError" });
  });
});

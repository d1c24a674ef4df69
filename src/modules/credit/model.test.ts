import { describe, expect, it } from "vitest";
import { canTransition } from "@/lib/state-machine";
import { ZAnswerObjectionInput } from "./inputs";
import {
  addMonths,
  creditRecordEvents,
  creditRecordMachine,
  creditRecordStatuses,
  isAnswerLate,
  isPublicRecord,
  nextCreditRecordStatus,
  nextObjectionStatus,
  nextRepairStatus,
  objectionEvents,
  objectionStatuses,
  objectionMachine,
  publicationPeriod,
  repairBlock,
  repairEvents,
  repairMachine,
  repairStatuses,
} from "./model";

describe("the machines", () => {
  it("record: only an active record is corrected or repaired; both end it", () => {
    const moves = creditRecordStatuses.flatMap((s) => creditRecordEvents.filter((e) => canTransition(creditRecordMachine, s, e)).map((e) => `${s}.${e}`));
    expect(moves).toEqual(["active.correct", "active.repair"]);
    expect(nextCreditRecordStatus("active", "correct")).toBe("corrected");
    expect(nextCreditRecordStatus("active", "repair")).toBe("repaired");
    expect(() => nextCreditRecordStatus("corrected", "repair")).toThrow();
    expect(() => nextCreditRecordStatus("repaired", "correct")).toThrow();
  });

  it("objection: open → corrected | upheld, once", () => {
    const moves = objectionStatuses.flatMap((s) => objectionEvents.filter((e) => canTransition(objectionMachine, s, e)).map((e) => `${s}.${e}`));
    expect(moves).toEqual(["open.correct", "open.uphold"]);
    expect(nextObjectionStatus("open", "uphold")).toBe("upheld");
    expect(() => nextObjectionStatus("upheld", "correct")).toThrow();
  });

  it("repair: applied → granted | refused, once", () => {
    const moves = repairStatuses.flatMap((s) => repairEvents.filter((e) => canTransition(repairMachine, s, e)).map((e) => `${s}.${e}`));
    expect(moves).toEqual(["applied.grant", "applied.refuse"]);
    expect(nextRepairStatus("applied", "refuse")).toBe("refused");
    expect(() => nextRepairStatus("granted", "refuse")).toThrow();
  });
});

describe("the publication window", () => {
  const entity = { subjectKind: "entity" as const, validUntil: null };

  it("adds months and clamps to the month's end", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
  });

  it("publishes a general penalty for 1 year and a serious one for 3, from the decision day", () => {
    expect(publicationPeriod({ ...entity, kind: "administrativePenalty", severity: "general", decidedOn: "2026-03-10" })).toEqual({
      from: "2026-03-10",
      until: "2027-03-09",
    });
    expect(publicationPeriod({ ...entity, kind: "administrativePenalty", severity: "serious", decidedOn: "2026-03-10" })).toEqual({
      from: "2026-03-10",
      until: "2029-03-09",
    });
  });

  it("publishes a listing while listed (at most 3 years), a licence while valid, and a person's record never", () => {
    expect(publicationPeriod({ ...entity, kind: "dishonestyList", severity: null, decidedOn: "2026-01-01", validUntil: "2027-06-30" })).toEqual({
      from: "2026-01-01",
      until: "2027-06-30",
    });
    expect(publicationPeriod({ ...entity, kind: "dishonestyList", severity: null, decidedOn: "2026-01-01", validUntil: "2035-01-01" })).toEqual({
      from: "2026-01-01",
      until: "2028-12-31",
    });
    expect(publicationPeriod({ ...entity, kind: "administrativeLicence", severity: null, decidedOn: "2026-01-01", validUntil: "2031-01-01" })).toEqual({
      from: "2026-01-01",
      until: "2031-01-01",
    });
    expect(
      publicationPeriod({ subjectKind: "person", validUntil: null, kind: "administrativePenalty", severity: "serious", decidedOn: "2026-01-01" }),
    ).toBeNull();
  });

  it("shows the current version of an enterprise's record inside its window only", () => {
    const r = { status: "active" as const, subjectKind: "entity" as const, publishedFrom: "2026-03-10", publishedUntil: "2027-03-09" };
    expect(isPublicRecord(r, "2026-03-09")).toBe(false);
    expect(isPublicRecord(r, "2026-03-10")).toBe(true);
    expect(isPublicRecord(r, "2027-03-09")).toBe(true);
    expect(isPublicRecord(r, "2027-03-10")).toBe(false);
    expect(isPublicRecord({ ...r, status: "corrected" }, "2026-06-01")).toBe(false);
    expect(isPublicRecord({ ...r, status: "repaired" }, "2026-06-01")).toBe(false);
    expect(isPublicRecord({ ...r, publishedUntil: null }, "2099-01-01")).toBe(true);
  });
});

describe("repair and answers", () => {
  it("allow a repair of dishonesty after the minimum period only", () => {
    const p = { kind: "administrativePenalty" as const, status: "active" as const, severity: "general" as const, decidedOn: "2026-03-10" };
    expect(repairBlock(p, "2026-06-09")).toBe("tooEarly");
    expect(repairBlock(p, "2026-06-10")).toBeNull();
    expect(repairBlock({ ...p, severity: "serious" }, "2027-03-09")).toBe("tooEarly");
    expect(repairBlock({ ...p, status: "corrected" }, "2027-03-10")).toBe("notCurrent");
    expect(repairBlock({ ...p, kind: "honour", severity: null }, "2027-03-10")).toBe("notRepairable");
  });

  it("count an answer late after its due day", () => {
    expect(isAnswerLate("2026-10-12", "2026-10-12", "2026-10-20")).toBe(false);
    expect(isAnswerLate("2026-10-12", "2026-10-13", "2026-10-13")).toBe(true);
    expect(isAnswerLate("2026-10-12", null, "2026-10-13")).toBe(true);
  });
});

describe("the answer to an objection", () => {
  const base = { objectionId: "00000000-0000-4000-8000-000000000001", version: 1, answer: "经核实，予以更正。" };
  it("takes the corrected particulars a form leaves partly empty", () => {
    const parsed = ZAnswerObjectionInput.parse({ ...base, outcome: "correct", correction: { title: "", content: "警告并处罚款人民币一千元。" } });
    expect(parsed.correction).toEqual({ content: "警告并处罚款人民币一千元。" });
  });
  it("refuses a correction that corrects nothing, on its field", () => {
    const result = ZAnswerObjectionInput.safeParse({ ...base, outcome: "correct", correction: { title: "", content: "" } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["correction"]);
  });
});

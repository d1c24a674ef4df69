import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain-error";
import {
  applicationEvents,
  applicationStatuses,
  canWithdraw,
  decidedApplicationStatuses,
  endedWithoutGrantStatuses,
  grantedApplicationStatuses,
  isAtWindow,
  isFinalApplication,
  isLiveApplication,
  undecidedApplicationStatuses,
  formatTrackingNumber,
  newQueryCode,
  nextApplicationStatus,
  trackingDivision,
  type ApplicationEvent,
  type ApplicationStatus,
} from "./model";

// Every legal move, written out independently of the table; every other pair must throw.
const legal: Array<[ApplicationStatus, ApplicationEvent, ApplicationStatus]> = [
  ["draft", "submit", "submitted"],
  ["draft", "withdraw", "withdrawn"],
  ["submitted", "accept", "inReview"],
  ["submitted", "refuse", "notAccepted"],
  ["submitted", "requestCompletion", "supplementRequired"],
  ["submitted", "withdraw", "withdrawn"],
  ["supplementRequired", "resubmit", "submitted"],
  ["supplementRequired", "supplement", "inReview"],
  ["supplementRequired", "withdraw", "withdrawn"],
  ["inReview", "requestSupplement", "supplementRequired"],
  ["inReview", "approve", "approved"],
  ["inReview", "deny", "denied"],
  ["inReview", "withdraw", "withdrawn"],
  ["inReview", "returnToWindow", "submitted"],
  ["approved", "complete", "completed"],
];

describe("application state machine", () => {
  const pairs = applicationStatuses.flatMap((s) => applicationEvents.map((e) => [s, e] as const));
  it.each(pairs)("%s + %s", (from, event) => {
    const expected = legal.find(([f, e]) => f === from && e === event)?.[2];
    if (expected) {
      expect(nextApplicationStatus(from, event)).toBe(expected);
    } else {
      let error: unknown;
      try {
        nextApplicationStatus(from, event);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("illegalTransition");
      // The message names the state and the event.
      expect((error as DomainError).message).toContain(`"from":"@applications.status.application.${from}"`);
      expect((error as DomainError).message).toContain(`"event":"${event}"`);
    }
  });
});

describe("tracking numbers and query codes", () => {
  it("formats division + date + sequence in 20 digits", () => {
    expect(formatTrackingNumber("130102", "2026-03-02", 17)).toBe("13010220260302000017");
    expect(() => formatTrackingNumber("1301", "2026-03-02", 1)).toThrow(RangeError);
    expect(() => formatTrackingNumber("130102", "2026-03-02", 1_000_000)).toThrow(RangeError);
  });
  it("uses the holder's Hebei division, else the province", () => {
    expect(trackingDivision("91130102MA0TB00118", "enterprise")).toBe("130102");
    expect(trackingDivision("91350100M000100Y43", "enterprise")).toBe("130000");
    expect(trackingDivision("130102199003070011", "citizen")).toBe("130102");
  });
  it("makes 8-character query codes without look-alike characters", () => {
    const codes = new Set(Array.from({ length: 200 }, newQueryCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  });
});

describe("named application subsets", () => {
  const where = (p: (s: ApplicationStatus) => boolean) => applicationStatuses.filter(p);

  it("live: submitted and not closed, approved included (the gate reads for the approving transaction)", () => {
    expect(where(isLiveApplication)).toEqual(["submitted", "inReview", "supplementRequired", "approved"]);
  });

  it("undecided: live and waiting for a licensing decision", () => {
    expect([...undecidedApplicationStatuses]).toEqual(where((s) => isLiveApplication(s) && !grantedApplicationStatuses.includes(s)));
  });

  it("withdrawable straight from the table: a draft too, never a closed or approved case", () => {
    expect(where(canWithdraw)).toEqual(["draft", "submitted", "inReview", "supplementRequired"]);
  });

  it("closed without the licence: the final states but completion", () => {
    expect([...endedWithoutGrantStatuses].sort()).toEqual(["denied", "notAccepted", "withdrawn"]);
    for (const s of endedWithoutGrantStatuses) expect(isFinalApplication(s)).toBe(true);
  });

  it("decided: granted or denied, never a refusal to accept", () => {
    expect([...decidedApplicationStatuses].sort()).toEqual(["approved", "completed", "denied"]);
  });

  it("at the window: submitted or returned for completion", () => {
    expect(where(isAtWindow)).toEqual(["submitted", "supplementRequired"]);
  });
});

describe("query codes", () => {
  it("use only the counter alphabet, 8 characters, and differ", () => {
    const codes = Array.from({ length: 200 }, newQueryCode);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe("the case stepper", () => {
  it("places every status on 申请 → 受理 → 审查 → 办结, and says where a case ended", async () => {
    const { caseStageOf } = await import("./model");
    expect(caseStageOf("draft", false)).toEqual({ stage: "apply", ended: false });
    expect(caseStageOf("submitted", false)).toEqual({ stage: "accept", ended: false });
    expect(caseStageOf("supplementRequired", false)).toEqual({ stage: "accept", ended: false });
    expect(caseStageOf("notAccepted", false)).toEqual({ stage: "accept", ended: true });
    expect(caseStageOf("inReview", true)).toEqual({ stage: "review", ended: false });
    expect(caseStageOf("supplementRequired", true)).toEqual({ stage: "review", ended: false });
    expect(caseStageOf("withdrawn", true)).toEqual({ stage: "review", ended: true });
    expect(caseStageOf("withdrawn", false)).toEqual({ stage: "accept", ended: true });
    expect(caseStageOf("approved", true)).toEqual({ stage: "finish", ended: false });
    expect(caseStageOf("completed", true)).toEqual({ stage: "finish", ended: true });
    expect(caseStageOf("denied", true)).toEqual({ stage: "finish", ended: true });
  });
});

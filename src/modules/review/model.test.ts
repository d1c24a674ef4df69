import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain-error";
import {
  cancellableTaskStatuses,
  decidedTaskStatuses,
  decisionOutcomes,
  fanIn,
  isRunningTask,
  liveTaskStatuses,
  nextTaskStatus,
  onHoldTaskStatuses,
  runningTaskStatuses,
  taskEvents,
  taskMachine,
  taskStatuses,
  type FanInTask,
  type TaskEvent,
  type TaskStatus,
} from "./model";

const legal: Array<[TaskStatus, TaskEvent, TaskStatus]> = [
  ["waiting", "open", "open"],
  ["waiting", "cancel", "cancelled"],
  ["open", "claim", "claimed"],
  ["open", "cancel", "cancelled"],
  ["open", "deemApprove", "approved"],
  ["claimed", "release", "open"],
  ["claimed", "approve", "approved"],
  ["claimed", "deny", "denied"],
  ["claimed", "requestSupplement", "supplementRequested"],
  ["claimed", "cancel", "cancelled"],
  ["claimed", "deemApprove", "approved"],
  ["waiting", "returnToWindow", "waiting"],
  ["open", "reassign", "claimed"],
  ["open", "transfer", "open"],
  ["open", "returnToWindow", "waiting"],
  ["claimed", "reassign", "claimed"],
  ["claimed", "transfer", "open"],
  ["claimed", "returnToWindow", "waiting"],
  ["open", "partnerApprove", "approved"],
  ["open", "partnerDeny", "denied"],
  ["open", "partnerRequestSupplement", "supplementRequested"],
  ["supplementRequested", "reopen", "open"],
  ["supplementRequested", "resume", "claimed"],
  ["supplementRequested", "cancel", "cancelled"],
];

describe("review task state machine", () => {
  const pairs = taskStatuses.flatMap((s) => taskEvents.map((e) => [s, e] as const));
  it.each(pairs)("%s + %s", (from, event) => {
    const expected = legal.find(([f, e]) => f === from && e === event)?.[2];
    if (expected) expect(nextTaskStatus(from, event)).toBe(expected);
    else expect(() => nextTaskStatus(from, event)).toThrow(DomainError);
  });
});

const t = (key: string, status: TaskStatus, needs: string[] = []): FanInTask => ({ key, status, needs });

describe("fan-in", () => {
  it("denies and cancels everything still alive when one department denies", () => {
    expect(fanIn([t("a", "approved"), t("b", "denied"), t("c", "claimed"), t("d", "waiting", ["a"]), t("e", "supplementRequested")])).toEqual({
      kind: "deny",
      cancel: ["c", "d", "e"],
    });
  });
  it("opens the steps whose needs are all approved, at once", () => {
    expect(fanIn([t("licence", "approved"), t("seal", "waiting", ["licence"]), t("tax", "waiting", ["licence"])])).toEqual({
      kind: "continue",
      open: ["seal", "tax"],
      held: [],
    });
    expect(fanIn([t("a", "approved"), t("b", "open"), t("c", "waiting", ["a", "b"])])).toEqual({ kind: "continue", open: [], held: [] });
  });
  it("waits for every open task before the merged notice", () => {
    expect(fanIn([t("a", "supplementRequested"), t("b", "claimed"), t("c", "approved")])).toEqual({ kind: "continue", open: [], held: [] });
    expect(fanIn([t("a", "supplementRequested"), t("b", "supplementRequested"), t("c", "approved")])).toEqual({ kind: "supplement", asking: ["a", "b"] });
  });
  it("approves when every step is approved", () => {
    expect(fanIn([t("a", "approved"), t("b", "approved", ["a"])])).toEqual({ kind: "approve" });
  });
  it("opens next steps before asking for material, so departments do not wait on each other", () => {
    expect(fanIn([t("a", "approved"), t("b", "supplementRequested"), t("c", "waiting", ["a"])])).toEqual({ kind: "continue", open: ["c"], held: [] });
  });
});

describe("fan-in of a staged bundle", () => {
  const owed = (key: string, needs: string[]): FanInTask => ({ ...t(key, "waiting", needs), materialsOwed: true });
  it("holds a ready step whose stage materials the applicant still owes, and opens the others", () => {
    expect(fanIn([t("a", "approved"), owed("b", ["a"]), t("c", "waiting", ["a"])])).toEqual({ kind: "continue", open: ["c"], held: ["b"] });
  });
  it("waits for the applicant's materials when no department has anything left to do", () => {
    expect(fanIn([t("a", "approved"), owed("b", ["a"]), owed("c", ["b"])])).toEqual({ kind: "awaitMaterials", held: ["b"] });
  });
  it("sends the merged notice before waiting for stage materials", () => {
    expect(fanIn([t("a", "supplementRequested"), t("x", "approved"), owed("b", ["x"])])).toEqual({ kind: "supplement", asking: ["a"] });
  });
  it("does not hold a step whose needs are not approved yet", () => {
    expect(fanIn([t("a", "open"), owed("b", ["a"])])).toEqual({ kind: "continue", open: [], held: [] });
  });
});

describe("decision outcomes", () => {
  it("are where approve, deny and requestSupplement lead a claimed task", () => {
    expect([...decisionOutcomes].sort()).toEqual([taskMachine.claimed.approve, taskMachine.claimed.deny, taskMachine.claimed.requestSupplement].sort());
  });
});

describe("named task subsets", () => {
  it("cancel reaches every task not yet ended, and only those", () => {
    expect([...cancellableTaskStatuses].sort()).toEqual([...liveTaskStatuses].sort());
    expect([...liveTaskStatuses].sort()).toEqual(["claimed", "open", "supplementRequested", "waiting"]);
  });

  it("running tasks are the ones the deciding events leave from or a claim enters", () => {
    expect(runningTaskStatuses.filter(isRunningTask)).toEqual(["open", "claimed"]);
    expect(taskStatuses.filter(isRunningTask)).toEqual(["open", "claimed"]);
    // Only a running task can be deemed approved when its clock runs out.
    expect(taskStatuses.filter((s) => taskMachine[s].deemApprove)).toEqual([...runningTaskStatuses]);
  });

  it("split the live tasks into running and on hold, and decided ones are ended", () => {
    expect([...runningTaskStatuses, ...onHoldTaskStatuses].sort()).toEqual([...liveTaskStatuses].sort());
    for (const s of decidedTaskStatuses) expect(taskMachine[s]).toEqual({});
  });
});

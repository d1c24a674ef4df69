import { describe, expect, it } from "vitest";
import { isSemaphoreFull, Semaphore, SemaphoreFullError } from "./semaphore";

const later = () => {
  let done!: () => void;
  const promise = new Promise<void>((r) => (done = r));
  return { promise, done };
};

describe("Semaphore", () => {
  it("runs at most `concurrency` tasks at once and queues the next ones in order", async () => {
    const s = new Semaphore(2, 4, 10_000);
    const gates = [later(), later(), later()];
    const order: number[] = [];
    const runs = gates.map((g, i) => s.run(async () => (order.push(i), g.promise)));
    await Promise.resolve();
    expect(s.stats).toEqual({ running: 2, waiting: 1 });
    gates[0]!.done();
    await runs[0];
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual([0, 1, 2]);
    gates[1]!.done();
    gates[2]!.done();
    await Promise.all(runs);
    expect(s.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses at once when the queue is full, and after the longest wait", async () => {
    const s = new Semaphore(1, 1, 50);
    const g = later();
    const first = s.run(() => g.promise);
    const second = s.run(async () => "second");
    await expect(s.run(async () => "third")).rejects.toBeInstanceOf(SemaphoreFullError);
    await expect(second).rejects.toBeInstanceOf(SemaphoreFullError);
    g.done();
    await first;
    await expect(s.run(async () => "again")).resolves.toBe("again");
  });
});

describe("isSemaphoreFull", () => {
  it("knows the error by name, as another bundle's copy of the class would make it", () => {
    expect(isSemaphoreFull(new SemaphoreFullError())).toBe(true);
    expect(isSemaphoreFull(Object.assign(new Error("busy"), { name: "SemaphoreFullError" }))).toBe(true);
    expect(isSemaphoreFull(new Error("busy"))).toBe(false);
  });
});

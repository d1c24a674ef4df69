/** Thrown when a semaphore's queue is full: the caller should answer "busy, try again". */
export class SemaphoreFullError extends Error {
  constructor() {
    super("busy");
    this.name = "SemaphoreFullError";
  }
}

/**
 * By name, not `instanceof`: a semaphore shared by the whole process (on `globalThis`) throws the
 * class of the bundle that made it, which another bundle's copy of this module does not know.
 */
export function isSemaphoreFull(error: unknown): boolean {
  return error instanceof Error && error.name === "SemaphoreFullError";
}

/**
 * At most `concurrency` tasks at once, at most `maxQueue` waiting; a task that would wait beyond
 * that, or longer than `maxWaitMs`, is refused at once rather than piling up.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: Array<{ start: () => void; timer: NodeJS.Timeout }> = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueue: number,
    private readonly maxWaitMs: number,
  ) {}

  get stats() {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxQueue) return Promise.reject(new SemaphoreFullError());
    return new Promise<void>((resolve, reject) => {
      const entry = {
        start: () => {
          clearTimeout(entry.timer);
          this.running++;
          resolve();
        },
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new SemaphoreFullError());
        }, this.maxWaitMs),
      };
      this.waiting.push(entry);
    });
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.start();
  }
}

/**
 * Ports and effects filled at the composition root (src/root/effects.ts).
 *
 * A module low in the module order sometimes needs something a higher module does: identity
 * checks a person against the population register kept by sharing; review's approval of a
 * start-a-business step registers the enterprise in registration. Importing upward would make a
 * cycle, so the lower module declares what it needs — a port (one provider) or an effect (any
 * number of listeners, run in order in the caller's transaction) — and the root plugs the higher
 * module in. A process that runs use cases without the root's wiring fails loudly instead of
 * silently skipping an effect: reading an unwired port or effect throws.
 */

const unwired = (name: string) => new Error(`${name} is not wired: import "@/root/effects" in this process's entry point (server, script or test setup)`);

export interface Port<T> {
  readonly name: string;
  provide(implementation: T): void;
  get(): T;
}

/** A port: exactly one implementation, provided by the root. Providing it again replaces it. */
export function definePort<T>(name: string): Port<T> {
  let implementation: T | undefined;
  return {
    name,
    provide(impl) {
      implementation = impl;
    },
    get() {
      if (implementation === undefined) throw unwired(name);
      return implementation;
    },
  };
}

export interface Effect<F> {
  readonly name: string;
  /** Adds (or, under the same key, replaces) a listener. */
  on(key: string, listener: F): void;
  /** Every listener, in the order they were added; throws when the root has not wired this effect. */
  listeners(): F[];
  /** The root has wired this effect (even with no listener). */
  seal(): void;
}

export function defineEffect<F>(name: string): Effect<F> {
  const byKey = new Map<string, F>();
  let sealed = false;
  return {
    name,
    on(key, listener) {
      byKey.set(key, listener);
    },
    listeners() {
      if (!sealed) throw unwired(name);
      return [...byKey.values()];
    },
    seal() {
      sealed = true;
    },
  };
}

import { DomainError } from "./domain-error";
import { keyParam } from "./message";

/** A transition table: for each state, the events it accepts and the state each leads to. */
export type TransitionTable<S extends string, E extends string> = Record<S, Partial<Record<E, S>>>;

/** The next state, or an `illegalTransition` error naming the state and the event. */
export function transition<S extends string, E extends string>(
  machine: string,
  table: TransitionTable<S, E>,
  from: S,
  event: E,
  /** Where the states' names are in the messages (e.g. `applications.status.application`), so the error shows them in the reader's language. */
  stateLabels?: string,
): S {
  const to = table[from][event];
  if (!to)
    throw new DomainError("illegalTransition", "errors.illegalTransition", {
      params: { machine, from: stateLabels ? keyParam(`${stateLabels}.${from}`) : from, event },
    });
  return to;
}

export function canTransition<S extends string, E extends string>(table: TransitionTable<S, E>, from: S, event: E): boolean {
  return table[from][event] !== undefined;
}

/** The states that accept `event`: e.g. the statuses a withdrawal or a cancellation applies to. */
export function statesAccepting<S extends string, E extends string>(table: TransitionTable<S, E>, event: E): S[] {
  return (Object.keys(table) as S[]).filter((s) => table[s][event] !== undefined);
}

/** The states with no way out. */
export function terminalStates<S extends string, E extends string>(table: TransitionTable<S, E>): S[] {
  return (Object.keys(table) as S[]).filter((s) => Object.keys(table[s]).length === 0);
}

/** Every state some sequence of events leads to from `initial` (itself included). */
export function reachableStates<S extends string, E extends string>(table: TransitionTable<S, E>, initial: S): Set<S> {
  const seen = new Set<S>([initial]);
  const queue: S[] = [initial];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const to of Object.values(table[s]) as S[]) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

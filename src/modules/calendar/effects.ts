import type { Db } from "@/server/db/client";
import type { WorkCalendar } from "./model";

/** What a listener learns when the data office publishes a calendar year. */
export interface CalendarPublished {
  /** The year just published. */
  year: number;
  /** The calendar as it is now, read inside the publishing transaction. */
  calendar: WorkCalendar;
  now: Date;
  /** The data office user who published it. */
  actorId: string;
}

/**
 * Runs inside the publishing transaction: whatever it writes commits or rolls back with the year,
 * and an error refuses the publication.
 */
export type CalendarPublishedListener = (tx: Db, event: CalendarPublished) => Promise<unknown>;

/**
 * The modules that keep dates computed on the calendar (review's due dates) sit above it in the
 * module order, so the calendar cannot call them: they register here instead, at the composition
 * root (src/root/effects.ts). A Set, so registering the same function twice is harmless.
 */
const listeners = new Set<CalendarPublishedListener>();

/** Registers a listener for published years; returns a function that removes it. */
export function onCalendarPublished(listener: CalendarPublishedListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Runs every listener, one after the other (they share one transaction), in registration order. */
export async function runCalendarPublished(tx: Db, event: CalendarPublished): Promise<void> {
  for (const listener of listeners) await listener(tx, event);
}

/**
 * The composition root's effects: where a lower module announces something (the calendar
 * publishes a year) and a higher module acts on it (review recomputes its due dates), without the
 * lower module importing the higher one. Imported for its side effect by the tRPC root and by the
 * test fixtures; registering is idempotent (the registries are Sets of functions), so importing
 * this file from several places registers each listener once.
 */
import { onCalendarPublished } from "@/modules/calendar/effects";
import { recomputeDueDates } from "@/modules/review/recompute-due-dates";

onCalendarPublished(recomputeDueDates);

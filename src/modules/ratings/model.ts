// Ratings (好差评, GB/T 39734-2020) and the rectification of bad ones (差评整改): the levels, the
// tags, how long a rating may be changed, the rectification item's machine and its due day. Pure.
import { transition, type TransitionTable } from "@/lib/state-machine";

/**
 * The five national levels of GB/T 39734-2020 (政务服务“好差评”规范), best first:
 * 非常满意, 满意, 基本满意, 不满意, 非常不满意. The order is the levels' order in the
 * database enum and in every count.
 */
export const ratingLevels = ["verySatisfied", "satisfied", "basicallySatisfied", "dissatisfied", "veryDissatisfied"] as const;
export type RatingLevel = (typeof ratingLevels)[number];

/** 不满意 or worse: a bad rating (差评), which opens a rectification item for the department rated. */
export const badRatingLevels: readonly RatingLevel[] = ["dissatisfied", "veryDissatisfied"];
export function isBadRating(level: RatingLevel): boolean {
  return badRatingLevels.includes(level);
}

/** What a rating may point at: speed (办理速度), guide accuracy (指南准确), convenience (便利程度), attitude (服务态度). */
export const ratingTags = ["speed", "guideAccuracy", "convenience", "attitude"] as const;
export type RatingTag = (typeof ratingTags)[number];

/** The longest comment, in characters. */
export const maxRatingCommentLength = 500;

/** A rating may be changed within 7 calendar days of the first rating (then it stands). */
export const ratingChangeDays = 7;
const dayMs = 24 * 60 * 60 * 1000;

/** The last moment a rating first given at `firstRatedAt` may be changed. */
export function ratingChangeableUntil(firstRatedAt: Date): Date {
  return new Date(firstRatedAt.getTime() + ratingChangeDays * dayMs);
}
export function mayChangeRating(firstRatedAt: Date, now: Date): boolean {
  return now.getTime() <= ratingChangeableUntil(firstRatedAt).getTime();
}

/** The department answers a rectification item within 5 working days on the official calendar. */
export const rectificationDueWorkingDays = 5;

/**
 * The rectification item (差评整改): opened by a bad rating; the department classifies it,
 * replies and records what it changed (`answer`); the applicant may appeal once (`appeal`); the
 * data office upholds the appeal or dismisses it. One appeal: `appealed` is left only by the data
 * office's decision, and neither decision accepts another appeal.
 */
export const rectificationStatuses = ["open", "answered", "appealed", "appealUpheld", "appealDismissed"] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];
export const rectificationEvents = ["answer", "appeal", "upholdAppeal", "dismissAppeal"] as const;
export type RectificationEvent = (typeof rectificationEvents)[number];

export const rectificationMachine: TransitionTable<RectificationStatus, RectificationEvent> = {
  open: { answer: "answered" },
  answered: { appeal: "appealed" },
  appealed: { upholdAppeal: "appealUpheld", dismissAppeal: "appealDismissed" },
  appealUpheld: {},
  appealDismissed: {},
};
export const initialRectificationStatus: RectificationStatus = "open";

export function nextRectificationStatus(from: RectificationStatus, event: RectificationEvent): RectificationStatus {
  return transition("rectification", rectificationMachine, from, event, "ratings.rectification.status");
}

/** Waiting for the department's answer: what the data office watches, and what may turn late. */
export const openRectificationStatuses: readonly RectificationStatus[] = ["open"];
export function isOpenRectification(status: RectificationStatus): boolean {
  return openRectificationStatuses.includes(status);
}

/** How the department classifies a bad rating: justified (属实) or not justified (不属实). */
export const rectificationClassifications = ["justified", "notJustified"] as const;
export type RectificationClassification = (typeof rectificationClassifications)[number];

/** The data office's decision on an appeal (an event of the machine). */
export const appealDecisions = ["upholdAppeal", "dismissAppeal"] as const satisfies readonly RectificationEvent[];
export type AppealDecision = (typeof appealDecisions)[number];

/**
 * Late: answered after the end of the due day, or not answered and the due day is over (China
 * dates, `YYYY-MM-DD`).
 */
export function isRectificationLate(dueOn: string, answeredOn: string | null, today: string): boolean {
  return answeredOn !== null ? answeredOn > dueOn : today > dueOn;
}

/** The audit actions of ratings and rectification (part of the audit vocabulary). */
export type RatingsAuditAction = "rating.rate" | "rating.change" | "rating.invite" | "rectification.open" | `rectification.${RectificationEvent}`;
export const ratingsAuditActions: readonly RatingsAuditAction[] = [
  "rating.rate",
  "rating.change",
  "rating.invite",
  "rectification.open",
  ...rectificationEvents.map((e) => `rectification.${e}` as const),
];

import type { AppealDecision, RatingLevel, RatingTag, RectificationClassification, RectificationStatus } from "./model";

/** A rating as its applicant sees it. */
export interface RatingView {
  level: RatingLevel;
  tags: RatingTag[];
  comment: string;
  firstRatedAt: Date;
  changeableUntil: Date;
  mayChange: boolean;
}

/** The department's answer and the appeal, as the applicant, the department and the data office see them. */
export interface RectificationView {
  id: string;
  version: number;
  status: RectificationStatus;
  openedOn: string;
  dueOn: string;
  late: boolean;
  classification: RectificationClassification | null;
  classificationReason: string | null;
  reply: string | null;
  changes: string | null;
  answeredOn: string | null;
  appealReason: string | null;
  appealDecision: AppealDecision | null;
  appealDecisionReason: string | null;
}

/** What a finished case may rate: overall (`departmentId` null) and each deciding department. */
export interface RatingTargetView {
  departmentId: string | null;
  nameZh: string | null;
  nameEn: string | null;
  rating: RatingView | null;
  rectification: (RectificationView & { mayAppeal: boolean }) | null;
}

export interface CaseRatingsView {
  ratable: boolean;
  mayAct: boolean;
  targets: RatingTargetView[];
}

/**
 * A rectification item as the department answering it sees it: the case's number and service, the
 * rating and its comment; no applicant name, no account.
 */
export interface DepartmentItemView extends RectificationView {
  trackingNumber: string | null;
  titleZh: string;
  titleEn: string;
  level: RatingLevel;
  tags: RatingTag[];
  comment: string;
}

/** A rating in the department's list: no case, no applicant. */
export interface AnonymousRatingView {
  ratedOn: string;
  level: RatingLevel;
  tags: RatingTag[];
  comment: string;
}

/** The data office's list: every item with its department. */
export interface OfficeItemView extends DepartmentItemView {
  departmentZh: string;
  departmentEn: string;
}

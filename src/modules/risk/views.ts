import type { RiskClass, RiskEvidence, RiskSignalRule, RiskSignalStatus } from "./model";
import type { RiskFactor } from "./schema";

/** A signal as staff see it: its rule, whose, the explanation's parameters and the evidence. */
export interface RiskSignalView {
  id: string;
  rule: RiskSignalRule;
  subjectCode: string;
  subjectName: string;
  params: Record<string, string | number>;
  evidence: RiskEvidence[];
  status: RiskSignalStatus;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** An enterprise's class for a month and the factors behind it. */
export interface RiskClassView {
  subjectCode: string;
  subjectName: string;
  month: string;
  riskClass: RiskClass;
  score: number;
  factors: RiskFactor[];
  computedAt: Date;
}

/** What a reviewer sees of an applicant on the task page. */
export interface ApplicantRiskView {
  riskClass: RiskClassView | null;
  signals: RiskSignalView[];
}

/** The data office's risk page. */
export interface RiskOverview {
  month: string | null;
  counts: Record<RiskClass, number>;
  /** Active signals, ranked (riskSignalWeights, then evidence, then newest). */
  signals: RiskSignalView[];
  clearedCount: number;
  /** The month's classes, worst first. */
  classes: RiskClassView[];
}

import type { CreditRecordKind, CreditRecordStatus, CreditSubjectKind, ObjectionStatus, PenaltySeverity, RepairRefusal, RepairStatus } from "./model";

/** A record as its subject and staff (through the gate) see it: every version, published or not. */
export interface CreditRecordView {
  id: string;
  lineageId: string;
  recordVersion: number;
  previousId: string | null;
  kind: CreditRecordKind;
  subjectKind: CreditSubjectKind;
  subjectName: string;
  departmentZh: string;
  departmentEn: string;
  title: string;
  content: string;
  documentNumber: string | null;
  legalBasis: string;
  severity: PenaltySeverity | null;
  decidedOn: string;
  validFrom: string;
  validUntil: string | null;
  publishedFrom: string | null;
  publishedUntil: string | null;
  status: CreditRecordStatus;
  /** Derived: validity over. */
  expired: boolean;
  /** Derived: shown to the public today. */
  publicNow: boolean;
  repairableFrom: string | null;
  /** Why a repair may not be applied for today (null: it may). */
  repairBlock: RepairRefusal | null;
  hasOpenObjection: boolean;
  hasOpenRepair: boolean;
}

export interface ObjectionView {
  id: string;
  recordId: string;
  version: number;
  status: ObjectionStatus;
  reason: string;
  filedOn: string;
  dueOn: string;
  late: boolean;
  answer: string | null;
  answeredOn: string | null;
  correctedRecordId: string | null;
}

export interface RepairView {
  id: string;
  recordId: string;
  version: number;
  status: RepairStatus;
  reason: string;
  appliedOn: string;
  dueOn: string;
  late: boolean;
  decisionReason: string | null;
  decidedOn: string | null;
}

/** A subject's whole profile (the subject, staff through the gate). */
export interface CreditProfileView {
  records: CreditRecordView[];
  objections: ObjectionView[];
  repairs: RepairView[];
}

/** A record as the public sees it: the current version of an enterprise's record, inside its window. */
export interface PublicCreditRecord {
  kind: CreditRecordKind;
  title: string;
  content: string;
  documentNumber: string | null;
  legalBasis: string;
  severity: PenaltySeverity | null;
  decidedOn: string;
  validUntil: string | null;
  publishedUntil: string | null;
  departmentZh: string;
  departmentEn: string;
  /** A version above 1 was corrected after an objection. */
  recordVersion: number;
}

export interface PublicCreditProfile {
  creditCode: string;
  name: string;
  records: PublicCreditRecord[];
}

/** The department's work: objections and repairs to answer (with due days), and what it recorded. */
export interface DepartmentObjectionView extends ObjectionView {
  record: CreditRecordView;
}
export interface DepartmentRepairView extends RepairView {
  record: CreditRecordView;
}
export interface DepartmentCreditView {
  objections: DepartmentObjectionView[];
  repairs: DepartmentRepairView[];
  recorded: CreditRecordView[];
}

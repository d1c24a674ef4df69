/** One step of an application's plan: a service of the catalog, copied into the application at submission. */
export interface PlanStep {
  key: string;
  serviceId: string;
  serviceCode: string;
  serviceNameZh: string;
  serviceNameEn: string;
  departmentId: string;
  needs: string[];
  promisedDays: number;
  statutoryDays: number;
  deemedApprovalOnTimeout: boolean;
  issuesCertificateType: string | null;
  /** The step's approval registers a new market entity (absent in plans made before 0005). */
  registersEntity?: boolean;
  stage: number;
  /**
   * 管辖层级: the service's competence rule when submitted (absent or null: its department
   * decides). At acceptance `departmentId` becomes the competent body's, and `serviceDepartmentId`
   * keeps the service's own department.
   */
  competence?: ServiceCompetence | null;
  /** The service's own department, when acceptance routed the step to another body. */
  serviceDepartmentId?: string;
  /** 多地联办: the step is decided by another region's node, under that region's service code. */
  partner?: { region: string; serviceCode: string } | null;
}

import type { AnswerUnit, AppliesWhen, MaterialCommitment, ServiceCompetence, SituationQuestion } from "./model";

/** One piece of data or document an application needs, deduplicated across its services by `key`. */
export interface PlanMaterial {
  key: string;
  nameZh: string;
  nameEn: string;
  legalBasis: string;
  source: "formField" | "upload" | "certificate";
  fieldType: "text" | "textarea" | "number" | "date" | "select" | null;
  options: Array<{ value: string; labelZh: string; labelEn: string }> | null;
  /** A number field's unit, shown with every answer (see `formatAnswer`). */
  unit: AnswerUnit | null;
  certificateType: string | null;
  required: boolean;
  conditionZh: string | null;
  conditionEn: string | null;
  serviceCodes: string[];
  /** The situations it is asked in (any one holding); null: always (see `materialApplies`). */
  appliesWhen: AppliesWhen[] | null;
  /**
   * The bundle stage that first needs it (1 for a single service): stage 1 materials are asked at
   * submission, a later stage's when its steps are ready to start (see `materialStages`).
   */
  stage: number;
  /**
   * 告知承诺: a commitment may replace it (every service asking it allows one), with the notice and
   * the verification rule; null or absent (plans made before commitments): it must be supplied.
   */
  commitment?: MaterialCommitment | null;
}

/** What applying for a service or a bundle takes: its steps (a DAG) and the union of materials. */
export interface ApplicationPlan {
  kind: "service" | "bundle";
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  applicantKinds: Array<"enterprise" | "citizen">;
  requiresCertificateType: string | null;
  autoAcceptance: boolean;
  /** A step registers a new market entity: submitted only through its own path (start a business). */
  registersEntity: boolean;
  steps: PlanStep[];
  /** 办理情形: the questions asked first, each key once across the steps' services. */
  situations: SituationQuestion[];
  materials: PlanMaterial[];
}

/** What an application's form asks, kept with the application at submission (see `applications.planForm`). */
export type PlanForm = Pick<ApplicationPlan, "materials" | "situations">;

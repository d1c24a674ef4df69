import { z } from "zod";
import { findingCodes } from "./lint";
import { answerUnits, certificateIdentities, commitmentMethods, competenceLevels, type CertificateField } from "./model";
import type { PlanStep } from "./plan";
import type { ApplicationPlan, PlanMaterial } from "./plan";

// What the catalog's procedures return: views, not rows (client-safe zod schemas).

const ZApplicantKinds = z.array(z.enum(["enterprise", "citizen"]));

export const ZDepartmentRef = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });
export type DepartmentRef = z.infer<typeof ZDepartmentRef>;

export const ZCertificateTypeRef = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), issuer: ZDepartmentRef });

/** 管辖层级: a service's competence rule (see `ServiceCompetence`). */
export const ZCompetenceView = z.object({
  lowestLevel: z.enum(competenceLevels),
  locationKey: z.string().optional(),
  provinceFromAmount: z.object({ key: z.string(), atLeast: z.number() }).optional(),
});

export const ZPlanStep = z.object({
  key: z.string(),
  serviceId: z.string(),
  serviceCode: z.string(),
  serviceNameZh: z.string(),
  serviceNameEn: z.string(),
  departmentId: z.string(),
  needs: z.array(z.string()),
  promisedDays: z.number().int(),
  statutoryDays: z.number().int(),
  deemedApprovalOnTimeout: z.boolean(),
  issuesCertificateType: z.string().nullable(),
  registersEntity: z.boolean().optional(),
  stage: z.number().int(),
  competence: ZCompetenceView.nullable().optional(),
  serviceDepartmentId: z.string().optional(),
  partner: z.object({ region: z.string(), serviceCode: z.string() }).nullable().optional(),
});

/** 告知承诺: the notice and the verification rule of a material a commitment may replace. */
export const ZMaterialCommitment = z.object({
  noticeZh: z.string(),
  noticeEn: z.string(),
  departmentCode: z.string(),
  workingDays: z.number().int(),
  method: z.enum(commitmentMethods),
});

export const ZPlanMaterial = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  legalBasis: z.string(),
  source: z.enum(["formField", "upload", "certificate"]),
  fieldType: z.enum(["text", "textarea", "number", "date", "select"]).nullable(),
  options: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })).nullable(),
  unit: z.enum(answerUnits).nullable(),
  certificateType: z.string().nullable(),
  required: z.boolean(),
  conditionZh: z.string().nullable(),
  conditionEn: z.string().nullable(),
  serviceCodes: z.array(z.string()).max(100),
  appliesWhen: z.array(z.record(z.string(), z.array(z.string()))).nullable(),
  stage: z.number().int(),
  commitment: ZMaterialCommitment.nullable().optional(),
});

const ZSituationOption = z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() });
/** 办理情形: a question asked first, whose answers decide which materials apply. */
export const ZSituationQuestion = z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), options: z.array(ZSituationOption) });

export const ZApplicationPlan = z.object({
  kind: z.enum(["service", "bundle"]),
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  applicantKinds: ZApplicantKinds,
  requiresCertificateType: z.string().nullable(),
  autoAcceptance: z.boolean(),
  registersEntity: z.boolean(),
  steps: z.array(ZPlanStep),
  situations: z.array(ZSituationQuestion),
  materials: z.array(ZPlanMaterial),
});

// The zod views and the hand-written interfaces (plan.ts, applications' PlanStep) must agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _planAgrees: Same<z.infer<typeof ZApplicationPlan>, ApplicationPlan> = true;
const _materialAgrees: Same<z.infer<typeof ZPlanMaterial>, PlanMaterial> = true;
const _stepAgrees: Same<z.infer<typeof ZPlanStep>, PlanStep> = true;
void [_planAgrees, _materialAgrees, _stepAgrees];

/** A material as the public guide shows it: where it comes from and on what legal basis. */
export const ZGuideMaterial = ZPlanMaterial.omit({ options: true, certificateType: true }).extend({ certificate: ZCertificateTypeRef.nullable() });
export type GuideMaterial = z.infer<typeof ZGuideMaterial>;

export const ZServiceGuideItem = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  department: ZDepartmentRef,
  promisedDays: z.number().int(),
  statutoryDays: z.number().int(),
  feeFen: z.number().int(),
  applicantKinds: ZApplicantKinds,
});

export const ZBundleGuideItem = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  leadDepartment: ZDepartmentRef,
  departments: z.array(ZDepartmentRef),
  stepCount: z.number().int(),
  stageCount: z.number().int(),
  /** Along the critical path: parallel steps do not add up. */
  promisedDays: z.number().int(),
  statutoryDays: z.number().int(),
  feeFen: z.number().int(),
  applicantKinds: ZApplicantKinds,
  /** The services its steps take (a theme of the guide search is a bundle and its services). */
  serviceCodes: z.array(z.string()).max(100),
});

export const ZGuideList = z.object({ bundles: z.array(ZBundleGuideItem), services: z.array(ZServiceGuideItem) });
export type GuideList = z.infer<typeof ZGuideList>;

const ZGuideStepService = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  legalBasis: z.string(),
  conditionsZh: z.string(),
  conditionsEn: z.string(),
  promisedDays: z.number().int(),
  statutoryDays: z.number().int(),
  feeFen: z.number().int(),
  department: ZDepartmentRef,
  issues: ZCertificateTypeRef.nullable(),
});

export const ZServiceGuide = z.object({
  kind: z.literal("service"),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  legalBasis: z.string(),
  conditionsZh: z.string(),
  conditionsEn: z.string(),
  statutoryDays: z.number().int(),
  promisedDays: z.number().int(),
  feeFen: z.number().int(),
  applicantKinds: ZApplicantKinds,
  autoAcceptance: z.boolean(),
  deemedApprovalOnTimeout: z.boolean(),
  department: ZDepartmentRef,
  issues: ZCertificateTypeRef.nullable(),
  situations: z.array(ZSituationQuestion),
  materials: z.array(ZGuideMaterial),
  /** Bundles this service is also part of. */
  bundles: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })),
});

export const ZBundleGuide = z.object({
  kind: z.literal("bundle"),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  applicantKinds: ZApplicantKinds,
  requiresCertificate: ZCertificateTypeRef.nullable(),
  leadDepartment: ZDepartmentRef,
  promisedDays: z.number().int(),
  statutoryDays: z.number().int(),
  feeFen: z.number().int(),
  steps: z.array(z.object({ key: z.string(), stage: z.number().int(), needs: z.array(z.string()), service: ZGuideStepService })),
  situations: z.array(ZSituationQuestion),
  materials: z.array(ZGuideMaterial),
});

export const ZGuide = z.discriminatedUnion("kind", [ZServiceGuide, ZBundleGuide]);
export type Guide = z.infer<typeof ZGuide>;
export type ServiceGuide = z.infer<typeof ZServiceGuide>;
export type BundleGuide = z.infer<typeof ZBundleGuide>;

/** A material as the data office edits it. */
export const ZAdminMaterial = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  legalBasis: z.string(),
  source: z.enum(["formField", "upload", "certificate"]),
  fieldType: z.enum(["text", "textarea", "number", "date", "select"]).nullable(),
  options: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })).nullable(),
  certificateType: z.string().nullable(),
  required: z.boolean(),
  conditionZh: z.string().nullable(),
  conditionEn: z.string().nullable(),
  sortOrder: z.number().int(),
  commitment: ZMaterialCommitment.nullable(),
});
export type AdminMaterial = z.infer<typeof ZAdminMaterial>;

/** One version of the catalog: what made it, about what, who and when. */
export const ZCatalogVersionView = z.object({ version: z.number().int(), reason: z.string(), subject: z.string(), by: z.string().nullable(), at: z.date() });

export const ZCatalogAdmin = z.object({
  /** The current version (0 before any) and the latest ones, newest first. */
  version: z.object({ current: z.number().int(), recent: z.array(ZCatalogVersionView) }),
  /** What the forms choose from: departments and certificate types. */
  departments: z.array(ZDepartmentRef),
  certificateTypes: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })),
  services: z.array(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      department: ZDepartmentRef,
      legalBasis: z.string(),
      conditionsZh: z.string(),
      conditionsEn: z.string(),
      applicantKinds: z.array(z.enum(["enterprise", "citizen"])),
      issuesCertificateType: z.string().nullable(),
      registersEntity: z.boolean(),
      statutoryDays: z.number().int(),
      promisedDays: z.number().int(),
      feeFen: z.number().int(),
      autoAcceptance: z.boolean(),
      deemedApprovalOnTimeout: z.boolean(),
      published: z.boolean(),
      competence: ZCompetenceView.nullable(),
      updatedAt: z.date(),
      materials: z.array(ZAdminMaterial),
    }),
  ),
  bundles: z.array(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      published: z.boolean(),
      steps: z.array(
        z.object({
          key: z.string(),
          serviceCode: z.string(),
          serviceNameZh: z.string(),
          serviceNameEn: z.string(),
          department: ZDepartmentRef,
          needs: z.array(z.string()),
          stage: z.number().int(),
        }),
      ),
    }),
  ),
});
export type CatalogAdmin = z.infer<typeof ZCatalogAdmin>;

/** The data office's list of certificate types: each with its issuer, fields, the services issuing it and their form keys. */
export const ZCertificateTypeAdmin = z.object({
  departments: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })),
  types: z.array(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      issuerDepartmentCode: z.string(),
      issuerNameZh: z.string(),
      issuerNameEn: z.string(),
      validityYears: z.number().nullable(),
      identifies: z.enum(certificateIdentities).nullable(),
      fields: z.array(z.custom<CertificateField>((v) => typeof v === "object" && v !== null)),
      updatedAt: z.date(),
      issuedBy: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })),
      formKeys: z.array(z.string()),
    }),
  ),
});
export type CertificateTypeAdmin = z.output<typeof ZCertificateTypeAdmin>;

const ZSupplyMaterial = z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string() });

/** The catalog's lint for the data office: every finding (lint.ts) and the report per service. */
export const ZCatalogLint = z.object({
  findings: z.array(
    z.object({
      code: z.enum(findingCodes),
      id: z.string(),
      serviceCode: z.string().nullable(),
      materialKey: z.string().nullable(),
      certificateType: z.string().nullable(),
      cycle: z.array(z.object({ from: z.string(), to: z.string(), types: z.array(z.string()), materials: z.array(z.string()) })).nullable(),
      message: z.object({ key: z.string(), params: z.record(z.string(), z.string()) }),
      text: z.string(),
    }),
  ),
  services: z.array(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      shared: z.array(ZSupplyMaterial),
      commitment: z.array(ZSupplyMaterial),
      uploaded: z.array(ZSupplyMaterial),
    }),
  ),
});

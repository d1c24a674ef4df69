import { z } from "zod";
import { answerUnits } from "../catalog/model";
import { certificateStatuses } from "../sharing/model";
import { taskStatuses } from "../review/model";
import { applicationStatuses, caseStages, foreignSupplyOutcomes, jointPartStatuses, noticeItemKinds } from "./model";

/**
 * 全程网办: what the applicant's region's node supplied for a material, or why it did not (the
 * material was then uploaded: a copy not verified).
 */
export const ZExchangeSupplyView = z.object({
  outcome: z.enum(foreignSupplyOutcomes),
  /** The material is supplied by this certificate (not uploaded instead). */
  supplied: z.boolean(),
  region: z.string(),
  /** A refusal code or a down reason (exchange/model.ts), or why an answer was not usable. */
  reason: z.string().nullable(),
  certificateNumber: z.string().nullable(),
  issuerNameZh: z.string().nullable(),
  issuerNameEn: z.string().nullable(),
  issuedOn: z.string().nullable(),
  validUntil: z.string().nullable(),
  signatureValid: z.boolean(),
  requestedAt: z.date(),
});

export const ZTaskTimelineView = z.object({
  taskId: z.string(),
  stepKey: z.string(),
  stage: z.number(),
  needs: z.array(z.string()),
  serviceNameZh: z.string(),
  serviceNameEn: z.string(),
  departmentNameZh: z.string(),
  departmentNameEn: z.string(),
  status: z.enum(taskStatuses),
  startedAt: z.date().nullable(),
  dueAt: z.date().nullable(),
  /** The due date rests on a provisional calendar year and may move when the year is published. */
  dueProvisional: z.boolean(),
  overdue: z.boolean(),
  decidedAt: z.date().nullable(),
  /** The deciding reviewer's name; withheld on the public tracking page. */
  decidedByName: z.string().nullable(),
  deemedApproval: z.boolean(),
  reason: z.string().nullable(),
  /** What the department asked the applicant for; staff only (the applicant reads the merged notice). */
  requested: z.array(z.string()).nullable(),
  /** A staged bundle's step that is ready but waits, not opened, for the materials its stage needs from the applicant. */
  awaitingMaterials: z.boolean(),
  /**
   * 多地联办: a remote step, decided by a partner region's department on its own node: the
   * partner, whether the part was sent (waiting, opened with the partner's tracking number, or
   * refused with an exchange refusal code). Null for a step of this node.
   */
  remote: z
    .object({
      region: z.string(),
      regionNameZh: z.string(),
      regionNameEn: z.string(),
      status: z.enum(jointPartStatuses),
      reference: z.string().nullable(),
      refusalCode: z.string().nullable(),
    })
    .nullable(),
});
export type TaskTimelineView = z.infer<typeof ZTaskTimelineView>;

/**
 * A one-time notice as the case page shows it, to the applicant and to staff alike: every item with
 * its kind, asking department and legal basis, the deadline, and the applicant's answers. The
 * notice is kept after it is answered (the case's history).
 */
export const ZNoticeView = z.object({
  id: z.string(),
  stage: z.enum(["acceptance", "review"]),
  issuedAt: z.date(),
  /** 补正期限: working days and the end of the last one; null for notices issued before deadlines were kept. */
  dueDays: z.number().nullable(),
  dueAt: z.date().nullable(),
  /** Still unanswered after the deadline. */
  overdue: z.boolean(),
  completedAt: z.date().nullable(),
  /** Answered after the deadline: accepted, and marked. */
  answeredLate: z.boolean(),
  items: z.array(
    z.object({
      /** The item's position in the notice: the key its answer is sent under. */
      index: z.number(),
      kind: z.enum(noticeItemKinds),
      departmentNameZh: z.string().nullable(),
      departmentNameEn: z.string().nullable(),
      materialKeys: z.array(z.string()),
      /** The materials named, in both languages (material items). */
      materials: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string() })),
      text: z.string(),
      legalBasis: z.string().nullable(),
      /** The applicant's answer to a document or question item, once given. */
      answer: z
        .object({
          text: z.string().nullable(),
          upload: z.object({ id: z.string(), fileName: z.string(), sizeBytes: z.number() }).nullable(),
          answeredAt: z.date(),
        })
        .nullable(),
    }),
  ),
});
export type NoticeView = z.infer<typeof ZNoticeView>;

export const ZCertificateView = z.object({
  id: z.string(),
  number: z.string(),
  typeCode: z.string(),
  typeNameZh: z.string(),
  typeNameEn: z.string(),
  issuerNameZh: z.string(),
  issuerNameEn: z.string(),
  issuedOn: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(certificateStatuses),
  /** The fields the type shares with other departments (what a using department may object to). */
  sharedFields: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string() })),
});

/** A certificate the case issued, with what it says: its type's printed fields, labelled and formatted. */
export const ZIssuedCertificateView = ZCertificateView.extend({
  holderName: z.string(),
  /** The holder's code: an enterprise's credit code (public), or the applicant's own ID number. */
  holderCode: z.string(),
  fields: z.array(z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), valueZh: z.string(), valueEn: z.string() })),
});

export const ZMaterialView = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  source: z.enum(["formField", "upload", "certificate"]),
  /** The answer as stored: an option's code, a number as typed. For forms that edit it, never to show. */
  value: z.string().nullable(),
  /** The answer as people read it, in both languages (`formatAnswer`): labels, units, dates. */
  answer: z.object({ zh: z.string(), en: z.string() }).nullable(),
  /** How the field is answered, for a form that asks for it again (a notice to complete it). */
  field: z
    .object({
      fieldType: z.enum(["text", "textarea", "number", "date", "select"]).nullable(),
      options: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })).nullable(),
      unit: z.enum(answerUnits).nullable(),
    })
    .nullable(),
  upload: z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number(), sha256: z.string() }).nullable(),
  /** A file was supplied, but for another department's step: this reviewer does not read it. */
  uploadWithheld: z.boolean(),
  certificate: ZCertificateView.nullable(),
  /** Message key of the gate's refusal when the viewer may not read the certificate supplied. */
  certificateRefused: z.string().nullable(),
  /** A certificate the reader's own steps do not need: not read for them (information, not a refusal). */
  certificateNotForStep: z.boolean(),
  /** 告知承诺: the applicant committed instead of supplying it (checked after approval). */
  committed: z.boolean(),
  /** 全程网办: the exchange with the applicant's region's node for this material; null when none was asked. */
  exchange: ZExchangeSupplyView.nullable(),
  /** The bundle stage that first needs it: stage 1 at submission, a later stage's when it opens. */
  stage: z.number().int(),
});

/** 办理情形: a question the applicant answered and the answer, by their labels in both languages (never the codes). */
export const ZSituationView = z.object({ key: z.string(), questionZh: z.string(), questionEn: z.string(), answerZh: z.string(), answerEn: z.string() });

/** A material the next stage of a staged bundle needs, as the case page asks for it. */
export const ZStageMaterialView = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  legalBasis: z.string(),
  source: z.enum(["formField", "upload", "certificate"]),
  required: z.boolean(),
  field: z
    .object({
      fieldType: z.enum(["text", "textarea", "number", "date", "select"]).nullable(),
      options: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })).nullable(),
      unit: z.enum(answerUnits).nullable(),
    })
    .nullable(),
});
export type StageMaterialView = z.infer<typeof ZStageMaterialView>;

export const ZApplicationView = z.object({
  id: z.string(),
  trackingNumber: z.string().nullable(),
  queryCode: z.string().nullable(),
  titleZh: z.string(),
  titleEn: z.string(),
  kind: z.enum(["service", "bundle"]),
  status: z.enum(applicationStatuses),
  version: z.number(),
  applicantName: z.string(),
  /** Masked unless the viewer needs the full number (staff handling the case). */
  holderCode: z.string(),
  /** Who filed it for the applicant (an agent, a mandate holder, the window); null when the applicant did. */
  filedBy: z
    .object({
      as: z.enum(["legalRepresentative", "mandate", "personalAgent", "window", "self"]),
      name: z.string(),
      consentKind: z.enum(["signedForm", "inPerson"]).nullable(),
      consentReference: z.string().nullable(),
    })
    .nullable(),
  /** The viewer may act on it as its applicant (withdraw, answer a notice): not with a view-only mandate. */
  mayAct: z.boolean(),
  submittedAt: z.date().nullable(),
  /** The window's deadline to accept (art. 32: 5 working days from receipt), on the official calendar. */
  acceptanceDueAt: z.date().nullable(),
  acceptanceDueProvisional: z.boolean(),
  /** The catalog version it was submitted under (its plan is that version's); null for drafts and older applications. */
  catalogVersion: z.number().int().nullable(),
  acceptedAt: z.date().nullable(),
  decidedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  refusalReason: z.string().nullable(),
  progress: z.object({ decided: z.number(), total: z.number() }),
  /** The stepper 申请 → 受理 → 审查 → 办结: where the case stands, and whether it ended there. */
  stage: z.object({ stage: z.enum(caseStages), ended: z.boolean() }),
  /** 预计办结: when the whole case is expected to finish on the official calendar; null when decided or unknown. */
  expectedFinish: z.object({ at: z.date(), provisional: z.boolean() }).nullable(),
  tasks: z.array(ZTaskTimelineView),
  notices: z.array(ZNoticeView),
  certificates: z.array(ZIssuedCertificateView),
  materials: z.array(ZMaterialView),
  /** 办理情形: the situations the applicant declared, which decided the materials. */
  situations: z.array(ZSituationView),
  /**
   * A staged bundle whose next steps wait for the applicant: those steps (with their stage) and the
   * materials to upload on the case page. Null when nothing is owed.
   */
  stageMaterials: z
    .object({
      steps: z.array(z.object({ key: z.string(), stage: z.number().int(), serviceNameZh: z.string(), serviceNameEn: z.string() })),
      materials: z.array(ZStageMaterialView),
      requestedAt: z.date(),
    })
    .nullable(),
  /** Documents the applicant was not asked for because government holds them. */
  burdenSaved: z.array(z.object({ nameZh: z.string(), nameEn: z.string(), number: z.string().nullable() })),
});
export type ApplicationView = z.infer<typeof ZApplicationView>;

export const ZApplicationListItem = z.object({
  id: z.string(),
  trackingNumber: z.string().nullable(),
  titleZh: z.string(),
  titleEn: z.string(),
  status: z.enum(applicationStatuses),
  submittedAt: z.date().nullable(),
  updatedAt: z.date(),
  progress: z.object({ decided: z.number(), total: z.number() }),
  resumePath: z.string().nullable(),
  /** Filed for the applicant by someone else (an agent, a mandate holder, the window): their name. */
  filedByName: z.string().nullable(),
  filedAs: z.enum(["self", "legalRepresentative", "mandate", "personalAgent", "window"]),
});

export const ZTrackView = z.object({
  trackingNumber: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  status: z.enum(applicationStatuses),
  submittedAt: z.date().nullable(),
  acceptedAt: z.date().nullable(),
  decidedAt: z.date().nullable(),
  progress: z.object({ decided: z.number(), total: z.number() }),
  tasks: z.array(ZTaskTimelineView),
});

/** Masks a credit code or ID number: the first six and the last four stay. */
export function maskHolderCode(code: string): string {
  return code.length > 10 ? `${code.slice(0, 6)}${"*".repeat(code.length - 10)}${code.slice(-4)}` : code;
}

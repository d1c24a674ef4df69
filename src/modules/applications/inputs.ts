import { z } from "zod";
import { msg } from "@/lib/message";
import { noticeItemKinds } from "./model";

export const ZSubject = z.object({ kind: z.enum(["service", "bundle"]), code: z.string().trim().min(1).max(64) });

/**
 * How the applicant supplies one material: a file they uploaded, the certificate government holds,
 * or a commitment instead of it (告知承诺), where the catalog allows one and the applicant accepted
 * its notice (`accepted` must be true; the server also checks the applicant is not excluded).
 */
export const ZMaterialSupply = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("upload"), uploadId: z.uuid() }),
  z.object({ kind: z.literal("certificate") }),
  z.object({ kind: z.literal("commitment"), accepted: z.literal(true, msg("applications.validation.commitmentNotice")) }),
]);

const ZKey = z.string().min(8, msg("validation.idempotencyKey")).max(64, msg("validation.idempotencyKey"));

/** A form field's or material's key as the catalog names them (`premisesProof`, `food.category`). */
const ZFieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/);
/**
 * At most 200 keys: more than any service or bundle asks for, so an input cannot make the
 * server walk (and store) an arbitrarily large object.
 */
const maxKeys = 200;
/** A record of form fields by key: keys like the catalog's, at most 200 (the client's forms use it too). */
export const boundedRecord = <T extends z.ZodType>(value: T) =>
  z.record(ZFieldKey, value).refine((r) => Object.keys(r).length <= maxKeys, msg("errors.tooManyKeys", { max: maxKeys }));
const ZFormData = boundedRecord(z.string().max(2000));
const ZSupplies = boundedRecord(ZMaterialSupply);
/**
 * The answers to the situation questions (办理情形): question key → option code, at most 20. The
 * server checks them against the catalog and derives from them which materials apply.
 */
const ZSituationAnswers = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/), z.string().max(64))
  .refine((r) => Object.keys(r).length <= 20, msg("errors.tooManyKeys", { max: 20 }));

export const ZSaveDraftInput = z.object({
  subject: ZSubject,
  idempotencyKey: ZKey,
  situations: ZSituationAnswers.default({}),
  formData: ZFormData.default({}),
  materials: ZSupplies.default({}),
});

export const ZSubmitApplicationInput = ZSaveDraftInput.extend({
  /** The applicant agrees that the certificates government holds are used for this application. */
  consent: z.boolean(),
});
export type SubmitApplicationInput = z.input<typeof ZSubmitApplicationInput>;

export const ZApplicationRef = z.object({ applicationId: z.uuid() });
export const ZVersionedRef = ZApplicationRef.extend({ version: z.number().int().positive() });

/**
 * A refusal closes the case: the officer confirms it, having been shown what it ends, and the
 * server refuses a refusal without that confirmation.
 */
export const ZRefusalConfirmation = z.boolean().refine((v) => v, msg("documents.validation.confirmRefusal"));

export const ZRefuseInput = ZVersionedRef.extend({
  reason: z.string().trim().min(4, msg("validation.reason")).max(1000, msg("validation.reason")),
  confirmed: ZRefusalConfirmation,
});

/**
 * One item of a one-time notice, as the window or a reviewer asks it (see `NoticeItem` in
 * schema.ts): a catalog material (at least one material key), a free-text document request, or a
 * question. Every item has its text; the legal basis is optional (a material item without one
 * takes the catalog material's). Without a kind, an item naming materials is a material request
 * and one naming none a document request.
 */
export const ZNoticeItemInput = z
  .object({
    kind: z.enum(noticeItemKinds).optional(),
    materialKeys: z.array(ZFieldKey).max(maxKeys).default([]),
    text: z.string().trim().min(4, msg("applications.validation.noticeText")).max(1000, msg("applications.validation.noticeText")),
    legalBasis: z.string().trim().max(500, msg("applications.validation.legalBasis")).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "material" && v.materialKeys.length === 0) {
      ctx.addIssue({ code: "custom", path: ["materialKeys"], message: msg("applications.validation.noticeMaterials") });
    }
    // A document request or a question names no catalog material: what is asked is its text.
    if (v.kind !== undefined && v.kind !== "material" && v.materialKeys.length > 0) {
      ctx.addIssue({ code: "custom", path: ["materialKeys"], message: msg("applications.validation.noticeNoMaterials") });
    }
  });

export const ZRequestCompletionInput = ZVersionedRef.extend({ items: z.array(ZNoticeItemInput).min(1, msg("validation.noticeItems")).max(100) });

/** The applicant's answer to one `document` item (an upload) or `question` item (a text). */
export const ZSupplementAnswer = z.object({
  uploadId: z.uuid().optional(),
  text: z.string().trim().max(2000, msg("applications.validation.answerText")).optional(),
});
/** Answers by the item's position in the notice ("0", "1", …); a notice has at most 100 items per asker. */
const ZAnswers = z
  .record(z.string().regex(/^(0|[1-9]\d{0,3})$/), ZSupplementAnswer)
  .refine((r) => Object.keys(r).length <= 1000, msg("errors.tooManyKeys", { max: 1000 }));

export const ZCompleteSupplementInput = ZVersionedRef.extend({
  formData: ZFormData.default({}),
  materials: ZSupplies.default({}),
  answers: ZAnswers.optional(),
});

/** The applicant supplies the materials a stage of a staged bundle needs, on the case page. */
export const ZSupplyStageMaterialsInput = ZVersionedRef.extend({ formData: ZFormData.default({}), materials: ZSupplies.default({}) });

export const ZTrackInput = z.object({
  trackingNumber: z
    .string()
    .trim()
    .regex(/^\d{20}$/, msg("validation.trackingNumber")),
  queryCode: z.string().trim().min(1, msg("validation.queryCode")).max(16, msg("validation.queryCode")),
});

/** The window's processed cases: a search (tracking number, applicant name or code) and a page. */
export const ZWindowSearch = z.string().trim().max(64, msg("applications.validation.search"));
export const ZProcessedInput = z.object({ q: ZWindowSearch.optional(), page: z.number().int().min(1).max(10_000).default(1) });

const ZCatalogKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/);
/** At most 4 MiB a file, 5 files: a few scans, inside the forwarding message's bound. */
export const maxForwardedFileBytes = 4 * 1024 * 1024;

/**
 * 异地代收代办: what the window clerk forwards to another region's node for one of its services —
 * the applicant as checked at the counter, the service's situations and fields, and the
 * materials' files (base64). The competent node validates it all again.
 */
export const ZForwardApplicationInput = z.object({
  toRegion: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
  serviceCode: ZCatalogKey,
  applicantKind: z.enum(["enterprise", "citizen"]),
  holderCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{18}$/, msg("applications.forwarding.errors.holderCode")),
  applicantName: z
    .string()
    .trim()
    .min(1, msg("applications.forwarding.errors.applicantName"))
    .max(200)
    .regex(/^[^\p{Cc}]+$/u, msg("errors.controlCharacter")),
  /** The clerk confirms having checked the applicant's identity document and the original materials. */
  identityChecked: z.literal(true, msg("applications.forwarding.errors.identityChecked")),
  situations: z.record(ZCatalogKey, ZCatalogKey).refine((r) => Object.keys(r).length <= 20),
  formData: z.record(ZCatalogKey, z.string().max(2000)).refine((r) => Object.keys(r).length <= 200),
  files: z
    .array(
      z.object({
        materialKey: ZCatalogKey,
        fileName: z.string().min(1).max(200),
        contentBase64: z.string().max(Math.ceil((maxForwardedFileBytes * 4) / 3) + 4),
      }),
    )
    .max(5),
});

// Case documents with legal weight (Administrative Licensing Law arts. 32, 38, 44): what each one
// says, how it is numbered, and who may be applied to against a refusal. Pure: no database.

/**
 * The documents a case produces, in the order a case meets them. Changing this list needs a data
 * migration (it is a database enum and part of every signed payload).
 */
export const documentKinds = [
  /** 受理通知书: the application is accepted (art. 32 (5)). */
  "acceptanceNotice",
  /** 不予受理决定书: the window refuses to accept, with reasons and the remedies (art. 32 (1)–(2)). */
  "nonAcceptanceDecision",
  /** 补正告知书: everything to complete or correct, told once (art. 32 (4)). */
  "supplementNotice",
  /** 准予行政许可决定书 (art. 38 para. 1). */
  "approvalDecision",
  /** 不予行政许可决定书: reasons and the right to reconsideration or litigation (art. 38 para. 2). */
  "denialDecision",
  /** 办结通知: the case is closed and its certificates are issued (art. 44). */
  "completionNotice",
  /** 延期办理告知书: the head extended a department's limit, with the reason and the new date (art. 42 para. 1). */
  "extensionNotice",
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** The refusals: a reason is required, the remedies are stated, and the officer confirms first. */
export const refusalDocumentKinds: readonly DocumentKind[] = ["nonAcceptanceDecision", "denialDecision"];
export function isRefusalDocument(kind: DocumentKind): boolean {
  return refusalDocumentKinds.includes(kind);
}

/** The letters of each kind in a document number (pinyin initials of its Chinese name). */
export const documentKindCodes: Record<DocumentKind, string> = {
  acceptanceNotice: "SL",
  nonAcceptanceDecision: "BYSL",
  supplementNotice: "BZ",
  approvalDecision: "ZYXK",
  denialDecision: "BYXK",
  completionNotice: "BJ",
  extensionNotice: "YQ",
};

/**
 * The document number (文号): kind, issuing department, year, and a serial that counts per
 * department, kind and year, e.g. `BYXK-market-2026-000123` (market regulation's 123rd denial of
 * 2026). ASCII, so it travels in a QR code and a URL unchanged.
 */
export function documentNumber(kind: DocumentKind, departmentCode: string, year: number, serial: number): string {
  return `${documentKindCodes[kind]}-${departmentCode}-${year}-${String(serial).padStart(6, "0")}`;
}

/** What the number looks like; anything else is not asked of the database. */
export const documentNumberPattern = /^(SL|BYSL|BZ|ZYXK|BYXK|BJ|YQ)-[A-Za-z][A-Za-z0-9_]{0,39}-\d{4}-\d{6}$/;

/** The audit action of issuing a document (part of the audit vocabulary; renaming needs a data migration). */
export const documentAuditActions = ["document.issue"] as const;
export type DocumentAuditAction = (typeof documentAuditActions)[number];

/** A name in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** One item of a 补正告知书: who asks, what, on which legal basis. */
export interface DocumentNoticeItem {
  /** The asking department; null when the window asks at acceptance. */
  department: Bilingual | null;
  /** `material` (a catalog material), `document` (a free-text request), `question`; unknown kinds are kept as `request`. */
  kind: "material" | "document" | "question" | "request";
  text: string;
  /** The catalog materials the item names, each with its own legal basis. */
  materials: Array<{ name: Bilingual; legalBasis: string }>;
  legalBasis: string;
}

/** One step of the case: a service and the department that handles it. */
export interface DocumentStep {
  service: Bilingual;
  department: Bilingual;
}

/**
 * Where a refusal may be challenged (《行政复议法》 art. 20: within 60 days of knowing;
 * 《行政诉讼法》 art. 46: within six months of knowing), and before whom.
 */
export interface DocumentRemedies {
  reconsiderationDays: number;
  reconsiderationBodies: Bilingual[];
  litigationMonths: number;
  court: Bilingual;
}

/** Everything a document says, as facts; the page renders labels around them. Signed as is. */
export interface DocumentContent {
  title: Bilingual;
  trackingNumber: string;
  /** The service or bundle applied for. */
  subject: Bilingual;
  applicantName: string;
  /** A credit code in full; a person's ID number masked. */
  applicantCode: string;
  applicantIsPerson: boolean;
  issuer: Bilingual;
  /** The article the document rests on. */
  legalBasis: Bilingual;
  /** Date of issue, YYYY-MM-DD in China. */
  issuedOn: string;
  submittedOn: string | null;
  reason: string | null;
  items: DocumentNoticeItem[];
  /** The notice's deadline (YYYY-MM-DD), or null when the notice has none (then the statutory wording applies). */
  deadline: string | null;
  /** Approval and completion: the steps decided; denial: the steps the refusal cancelled. */
  steps: DocumentStep[];
  certificates: Array<{ type: Bilingual; number: string }>;
  /** Statutory and promised limits of the case, in working days (acceptance notice). */
  limits: { statutoryDays: number; promisedDays: number } | null;
  remedies: DocumentRemedies | null;
  /** An extension notice's facts (absent from every other kind, and from documents issued before it existed). */
  extension?: DocumentExtension | null;
}

/** What a 延期办理告知书 states: which step, by how many working days, from which date to which. */
export interface DocumentExtension {
  step: DocumentStep;
  days: number;
  /** YYYY-MM-DD in China. */
  previousDueOn: string;
  dueOn: string;
  /** The step's statutory limit in working days, before and after the extension. */
  statutoryDays: number;
  extendedStatutoryDays: number;
}

/** Each kind's title as printed. */
export const documentTitles: Record<DocumentKind, Bilingual> = {
  acceptanceNotice: { zh: "受理通知书", en: "Notice of acceptance" },
  nonAcceptanceDecision: { zh: "不予受理决定书", en: "Decision not to accept" },
  supplementNotice: { zh: "补正材料告知书", en: "Notice to complete or correct materials" },
  approvalDecision: { zh: "准予行政许可决定书", en: "Decision granting the administrative licence" },
  denialDecision: { zh: "不予行政许可决定书", en: "Decision refusing the administrative licence" },
  completionNotice: { zh: "办结通知书", en: "Notice of completion" },
  extensionNotice: { zh: "延期办理告知书", en: "Notice of extension of the time limit" },
};

/** The article each kind rests on (Administrative Licensing Law of the PRC). */
export const documentLegalBases: Record<DocumentKind, Bilingual> = {
  acceptanceNotice: { zh: "《中华人民共和国行政许可法》第三十二条第一款第（五）项", en: "Administrative Licensing Law of the PRC, art. 32 para. 1 (5)" },
  nonAcceptanceDecision: { zh: "《中华人民共和国行政许可法》第三十二条第一款、第二款", en: "Administrative Licensing Law of the PRC, art. 32 paras. 1 and 2" },
  supplementNotice: { zh: "《中华人民共和国行政许可法》第三十二条第一款第（四）项", en: "Administrative Licensing Law of the PRC, art. 32 para. 1 (4)" },
  approvalDecision: { zh: "《中华人民共和国行政许可法》第三十八条第一款", en: "Administrative Licensing Law of the PRC, art. 38 para. 1" },
  denialDecision: { zh: "《中华人民共和国行政许可法》第三十八条第二款", en: "Administrative Licensing Law of the PRC, art. 38 para. 2" },
  completionNotice: { zh: "《中华人民共和国行政许可法》第四十四条", en: "Administrative Licensing Law of the PRC, art. 44" },
  extensionNotice: { zh: "《中华人民共和国行政许可法》第四十二条第一款", en: "Administrative Licensing Law of the PRC, art. 42 para. 1" },
};

/** 《行政复议法》 (2023) art. 20 and 《行政诉讼法》 art. 46. */
export const reconsiderationDays = 60;
export const litigationMonths = 6;

/**
 * Before whom a refusal by `department` is challenged. Reconsideration: a department of a local
 * government answers to that government (《行政复议法》 art. 24); a department under vertical
 * management (its name starts with 国家…, e.g. 国家税务总局河北省税务局) answers to the department above it
 * (art. 27). Litigation: the people's court where the department sits (《行政诉讼法》 art. 18).
 */
export function remediesFor(department: Bilingual, division: Bilingual): DocumentRemedies {
  const vertical = /^国家.+?(总局|局|署)/.exec(department.zh);
  const reconsiderationBodies: Bilingual[] = vertical
    ? [{ zh: `${vertical[0]}（上一级主管部门）`, en: `${vertical[0]} (the department one level above)` }]
    : [{ zh: `${division.zh}人民政府`, en: `the People's Government of ${division.en}` }];
  return {
    reconsiderationDays,
    reconsiderationBodies,
    litigationMonths,
    court: { zh: `${department.zh}所在地有管辖权的人民法院`, en: `the competent people's court where ${department.en} sits` },
  };
}

/** A notice as stored, read without trusting its shape: the notice record is growing item kinds and a deadline. */
export interface NoticeLike {
  items: readonly unknown[];
  [key: string]: unknown;
}

/** What the renderer needs to know about departments and catalog materials. */
export interface NoticeLookups {
  department: (id: string) => Bilingual | undefined;
  material: (key: string) => { name: Bilingual; legalBasis: string } | undefined;
  /** The legal basis of a request that names no catalog material: the services' own basis. */
  serviceLegalBasis: string;
}

const itemKinds = new Set(["material", "document", "question"]);

function asString(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

/** A date out of a notice's deadline field, whatever it is called and however it is stored. */
function deadlineOf(notice: NoticeLike): string | null {
  for (const key of ["deadline", "dueOn", "dueAt", "deadlineOn", "deadlineAt"]) {
    const v = notice[key];
    if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
    const s = asString(v);
    if (s && /^\d{4}-\d{2}-\d{2}/.test(s)) return s.slice(0, 10);
  }
  return null;
}

/**
 * The one function that maps a 补正 notice, as stored, to a document's items and deadline.
 * Tolerant: an item kind it does not know becomes `request`, a missing text an empty one, material
 * keys the catalog does not know are named by their text alone; the deadline is taken from
 * whichever field the notice keeps it in.
 */
export function noticeDocumentContent(notice: NoticeLike, lookups: NoticeLookups): { items: DocumentNoticeItem[]; deadline: string | null } {
  const items = notice.items.flatMap((raw): DocumentNoticeItem[] => {
    if (!raw || typeof raw !== "object") return [];
    const item = raw as Record<string, unknown>;
    const departmentId = asString(item.departmentId);
    const keys = Array.isArray(item.materialKeys) ? item.materialKeys.filter((k): k is string => typeof k === "string") : [];
    const materials = keys.flatMap((k) => {
      const m = lookups.material(k);
      return m ? [m] : [];
    });
    const kindRaw = asString(item.kind);
    const kind: DocumentNoticeItem["kind"] =
      kindRaw && itemKinds.has(kindRaw) ? (kindRaw as DocumentNoticeItem["kind"]) : materials.length ? "material" : "request";
    const text = asString(item.text) ?? asString(item.question) ?? "";
    const legalBasis = asString(item.legalBasis) ?? [...new Set(materials.map((m) => m.legalBasis))].join("；") ?? "";
    return [
      {
        department: departmentId ? (lookups.department(departmentId) ?? null) : null,
        kind,
        text,
        materials,
        legalBasis: legalBasis || lookups.serviceLegalBasis,
      },
    ];
  });
  return { items, deadline: deadlineOf(notice) };
}

/** The payload a department signs for a document: every fact that must not change after issue. */
export function documentPayload(d: {
  number: string;
  kind: DocumentKind;
  applicationId: string;
  issuerDepartmentCode: string;
  signedAt: Date;
  content: DocumentContent;
}): Record<string, unknown> {
  return {
    number: d.number,
    kind: d.kind,
    applicationId: d.applicationId,
    issuerDepartmentCode: d.issuerDepartmentCode,
    signedAt: d.signedAt.toISOString(),
    content: d.content,
  };
}

// Decisions published (双公示): what a published licensing decision says, how a natural person is
// masked, and when publication is due. Pure: no database.

/** The decisions published: a licence granted (准予) or refused (不予). A revocation updates the grant's record. */
export const disclosureKinds = ["approval", "denial"] as const;
export type DisclosureKind = (typeof disclosureKinds)[number];

/** A decision is published within this many working days of the decision, on the official calendar. */
export const disclosureDueWorkingDays = 7;

/**
 * A natural person's name as published: the surname's first character and two asterisks, whatever
 * the name's length (张三 and 张三丰 both 张**), so neither the given name nor its length shows. An
 * empty name stays empty.
 */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  return chars.length === 0 ? "" : `${chars[0]}**`;
}

/** The counterpart's name as published: an organisation's in full, a person's masked. */
export function publicCounterpartName(name: string, isPerson: boolean): string {
  return isPerson ? maskPersonName(name) : name.trim();
}

/** Published late: after the end of the due day (China time), see `dueOn` in the record. */
export function isPublishedLate(publishedOn: string, dueOn: string): boolean {
  return publishedOn > dueOn;
}

/** The columns of the open-data file, in order (the CSV header and the JSON keys). */
export const disclosureColumns = [
  { name: "decisionNumber", labelZh: "决定文书号", labelEn: "Decision number" },
  { name: "kind", labelZh: "决定类别", labelEn: "Decision" },
  { name: "counterpartName", labelZh: "行政相对人名称", labelEn: "Counterpart" },
  { name: "counterpartCode", labelZh: "统一社会信用代码", labelEn: "Unified social credit code" },
  { name: "licenceTypeZh", labelZh: "许可证书名称", labelEn: "Licence (Chinese)" },
  { name: "licenceTypeEn", labelZh: "许可证书名称（英文）", labelEn: "Licence (English)" },
  { name: "licenceNumber", labelZh: "许可编号", labelEn: "Licence number" },
  { name: "contentZh", labelZh: "许可内容", labelEn: "Content (Chinese)" },
  { name: "contentEn", labelZh: "许可内容（英文）", labelEn: "Content (English)" },
  { name: "decidedOn", labelZh: "许可决定日期", labelEn: "Decided on" },
  { name: "validFrom", labelZh: "有效期自", labelEn: "Valid from" },
  { name: "validUntil", labelZh: "有效期至", labelEn: "Valid until" },
  { name: "departmentZh", labelZh: "许可机关", labelEn: "Deciding department (Chinese)" },
  { name: "departmentEn", labelZh: "许可机关（英文）", labelEn: "Deciding department (English)" },
  { name: "departmentCode", labelZh: "许可机关代码", labelEn: "Department code" },
  { name: "legalBasis", labelZh: "许可依据", labelEn: "Legal basis" },
  { name: "status", labelZh: "当前状态", labelEn: "Status" },
  { name: "revokedOn", labelZh: "撤销/吊销日期", labelEn: "Revoked on" },
  { name: "publishedOn", labelZh: "公示日期", labelEn: "Published on" },
] as const;
export type DisclosureColumn = (typeof disclosureColumns)[number]["name"];

/** One published record as the public sees it (page, JSON, CSV): never an ID number, a person's name masked. */
export type PublicDisclosure = Record<DisclosureColumn, string | null>;

/** The audit actions of publication (part of the audit vocabulary). */
export const disclosureAuditActions = ["disclosure.publish", "disclosure.revoke"] as const;
export type DisclosureAuditAction = (typeof disclosureAuditActions)[number];

/**
 * One CSV field (RFC 4180). Names here are typed by applicants, so a field that a spreadsheet
 * would run as a formula (leading `=`, `+`, `-`, `@`, tab or CR) is prefixed with `'` (the OWASP
 * advice against CSV injection); the JSON file keeps the value as published.
 */
export function disclosureCsvField(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV file of published records: UTF-8 with a byte-order mark (Excel on Chinese Windows), CRLF lines, a header row. */
export function disclosuresCsv(rows: readonly PublicDisclosure[]): string {
  const header = disclosureColumns.map((c) => c.name).join(",");
  const lines = rows.map((r) => disclosureColumns.map((c) => disclosureCsvField(r[c.name])).join(","));
  return `\uFEFF${[header, ...lines].map((l) => `${l}\r\n`).join("")}`;
}

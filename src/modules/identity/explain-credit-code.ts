import { divisionFullName, officialDivisions, type Division } from "../divisions/model";
import { decodeCreditCode, describeCheck, normalizeCreditCode, validateCreditCode, type CreditCodeCheck } from "./credit-code";

let divisionTable: Map<string, Division> | undefined;
function divisions(): Map<string, Division> {
  divisionTable ??= new Map(officialDivisions().map((d) => [d.code, d]));
  return divisionTable;
}

/** What the public credit-code checker answers: validity, every failed check, and the decoded parts. */
export interface CreditCodeExplanation {
  code: string;
  valid: boolean;
  failedChecks: Array<CreditCodeCheck & { messageZh: string; messageEn: string }>;
  decoded: {
    authority: { code: string; nameZh: string; nameEn: string };
    category: { code: string; nameZh: string; nameEn: string };
    /** The division's name where the seeded table knows it (Hebei and its neighbours); null otherwise. */
    division: { code: string; nameZh: string | null };
    organisationCode: string;
  } | null;
}

export function explainCreditCode(input: string): CreditCodeExplanation {
  const result = validateCreditCode(input);
  const decoded = decodeCreditCode(input);
  return {
    code: normalizeCreditCode(input),
    valid: result.valid,
    failedChecks: result.failedChecks.map((c) => ({ ...c, messageZh: describeCheck(c, "zh-CN"), messageEn: describeCheck(c, "en") })),
    decoded: decoded
      ? {
          authority: decoded.authority,
          category: decoded.category,
          division: { code: decoded.divisionCode, nameZh: divisionFullName(decoded.divisionCode, divisions()) ?? null },
          organisationCode: decoded.organisationCodeFormatted,
        }
      : null,
  };
}

/** Path segments longer than this, or with characters no code could contain, are malformed (400). */
export function isWellFormedCodeSegment(segment: string): boolean {
  return segment.length >= 1 && segment.length <= 40 && /^[0-9A-Za-z]+$/.test(segment);
}

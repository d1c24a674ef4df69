// Pure rules of starting a business: entity types and their credit-code categories, organisation
// codes from a sequence, and the name declaration rules (企业名称自主申报). Client-safe.
import { transition, type TransitionTable } from "@/lib/state-machine";
import { buildCreditCode, creditCodeCharset } from "../identity/credit-code";

/** Entity types a founder may register here, each with its GB 32100 category under authority 9. */
export const entityTypes = {
  limitedLiabilityCompany: { category: "1", labelZh: "有限责任公司", labelEn: "Limited liability company", forms: ["有限公司", "有限责任公司"] },
  soleProprietorship: { category: "1", labelZh: "个人独资企业", labelEn: "Sole proprietorship", forms: ["商行", "经营部", "工作室"] },
  partnership: { category: "1", labelZh: "合伙企业", labelEn: "Partnership", forms: ["（普通合伙）", "（有限合伙）"] },
  individualBusiness: { category: "2", labelZh: "个体工商户", labelEn: "Individual business", forms: ["店", "馆", "部"] },
} as const;
export type EntityType = keyof typeof entityTypes;
export const entityTypeKeys = Object.keys(entityTypes) as EntityType[];

/** The registration authority of market regulation (工商) in GB 32100. */
export const marketAuthority = "9";

/** The prefix market regulation gives organisation codes it assigns with the credit code. */
const organisationPrefix = "MA";
const base = creditCodeCharset.length; // 31
const sequenceDigits = 6;
export const maxOrganisationSequence = base ** sequenceDigits - 1;

/** The 8-character organisation code body for a sequence number: `MA` and six code characters. */
export function organisationBodyFor(sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > maxOrganisationSequence)
    throw new RangeError(`organisation sequence out of range: ${sequence}`);
  let n = sequence;
  let digits = "";
  for (let i = 0; i < sequenceDigits; i++) {
    digits = creditCodeCharset[n % base] + digits;
    n = Math.floor(n / base);
  }
  return organisationPrefix + digits;
}

/** The credit code market regulation assigns: authority 9, the type's category, the address's division. */
export function newCreditCode(input: { entityType: EntityType; divisionCode: string; sequence: number }): string {
  return buildCreditCode({
    authority: marketAuthority,
    category: entityTypes[input.entityType].category,
    divisionCode: input.divisionCode,
    organisationBody: organisationBodyFor(input.sequence),
  });
}

// ---------------------------------------------------------------------------------------------
// Shareholders' contributions (Company Law 2023 arts. 47, 48)
// ---------------------------------------------------------------------------------------------

/**
 * How a shareholder contributes: money, or property that can be valued in money and lawfully
 * transferred (Company Law art. 48: 实物、知识产权、土地使用权、股权、债权).
 */
export const contributionForms = {
  currency: { labelZh: "货币", labelEn: "Money" },
  inKind: { labelZh: "实物", labelEn: "Property in kind" },
  intellectualProperty: { labelZh: "知识产权", labelEn: "Intellectual property" },
  landUseRight: { labelZh: "土地使用权", labelEn: "Land use right" },
  equity: { labelZh: "股权", labelEn: "Equity" },
  claim: { labelZh: "债权", labelEn: "Creditor's rights" },
} as const;
export type ContributionForm = keyof typeof contributionForms;
export const contributionFormValues = Object.keys(contributionForms) as [ContributionForm, ...ContributionForm[]];

/** Company Law art. 47: a limited liability company's subscribed capital is paid within five years of its establishment. */
export const contributionYears = 5;

/** The last day a contribution may be due: five years on from `today` (the company is established on or after it). */
export function latestContributionDay(today: string): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + contributionYears, m - 1, d));
  // 29 February five years on is 28 February, not 1 March.
  if (date.getUTCDate() !== d) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/**
 * What is wrong with a contribution's due day, submitted `today`: before today, or (for a limited
 * liability company) after the five years of art. 47. Null when it is fine.
 */
export function contributionDueProblem(dueOn: string, today: string, entityType: EntityType): "past" | "beyondFiveYears" | null {
  if (dueOn < today) return "past";
  if (entityType === "limitedLiabilityCompany" && dueOn > latestContributionDay(today)) return "beyondFiveYears";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Names: division + trade name + industry + organisational form
// ---------------------------------------------------------------------------------------------

/** Industry wordings a name may use (a seeded extract of the national industry wording list). */
export const industries = [
  { value: "商贸", labelEn: "trading" },
  { value: "餐饮管理", labelEn: "catering management" },
  { value: "科技", labelEn: "technology" },
  { value: "信息技术", labelEn: "information technology" },
  { value: "食品", labelEn: "food" },
  { value: "物流", labelEn: "logistics" },
  { value: "文化传媒", labelEn: "culture and media" },
  { value: "建筑工程", labelEn: "construction" },
  { value: "咨询服务", labelEn: "consulting" },
  { value: "农业开发", labelEn: "agricultural development" },
] as const;
export type Industry = (typeof industries)[number]["value"];

/** Business scope items a founder picks from (an extract of the standard business scope list). */
export const businessScopeItems = [
  { code: "F5211", zh: "日用百货销售", en: "Retail of daily necessities" },
  { code: "F5127", zh: "食品销售（仅销售预包装食品）", en: "Sale of pre-packaged food" },
  { code: "H6210", zh: "餐饮服务", en: "Catering services" },
  { code: "I6510", zh: "软件开发", en: "Software development" },
  { code: "I6540", zh: "信息技术咨询服务", en: "IT consulting" },
  { code: "L7243", zh: "企业管理咨询", en: "Business management consulting" },
  { code: "G5430", zh: "普通货物仓储服务", en: "General warehousing" },
  { code: "R8710", zh: "文化艺术交流活动组织", en: "Organising cultural exchanges" },
  { code: "E4890", zh: "建筑工程施工", en: "Construction works" },
  { code: "A0511", zh: "农业技术推广服务", en: "Agricultural extension services" },
] as const;

/** Words a name may not use without State Council approval (企业名称登记管理规定 第十一条). */
export const restrictedWords = ["中国", "中华", "全国", "国家", "国际"] as const;

export interface NameParts {
  /** The division the name is registered under, as it appears in the name, e.g. 石家庄. */
  divisionName: string;
  divisionCode: string;
  tradeName: string;
  industry: string;
  form: string;
}

export function fullName(p: NameParts): string {
  return `${p.divisionName}${p.tradeName}${p.industry}${p.form}`;
}

/**
 * A trade name compared as people read it: full-width forms folded (NFKC), white space and
 * punctuation dropped, Latin letters upper-cased, and a few characters that read alike unified.
 */
export function normaliseTradeName(trade: string): string {
  const alike: Record<string, string> = { 壹: "一", 贰: "二", 叁: "三", 亿: "億", 鑫: "鑫", 彡: "三" };
  return [...trade.normalize("NFKC").toUpperCase()]
    .filter((c) => /[\p{L}\p{N}]/u.test(c))
    .map((c) => alike[c] ?? c)
    .join("");
}

/** The trade name's own rules: 2 to 10 Chinese characters (letters and digits are not allowed). */
export function tradeNameProblem(trade: string): "length" | "characters" | "restricted" | null {
  const t = trade.trim();
  if ([...t].length < 2 || [...t].length > 10) return "length";
  if (!/^\p{Script=Han}+$/u.test(t)) return "characters";
  if (restrictedWords.some((w) => t.includes(w))) return "restricted";
  return null;
}

export interface ExistingName {
  fullName: string;
  divisionCode: string;
  tradeName: string;
  industry: string;
}

export type NameFinding =
  | { level: "refused"; reason: "identical"; conflictTradeName: string; conflictName: string }
  | { level: "warning"; reason: "sameTradeOtherIndustry" | "similarTradeName"; conflictTradeName: string; conflictName: string };

function editDistanceAtMostOne(a: string[], b: string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/**
 * Compares a proposed name with the names registered or reserved in the same division: the same
 * trade name in the same industry is refused (企业名称登记管理规定 第十七条); the same trade name in
 * another industry, or one differing by a single character, is a warning the founder may accept.
 */
export function compareName(proposed: NameParts, existing: readonly ExistingName[]): NameFinding[] {
  const trade = normaliseTradeName(proposed.tradeName);
  const findings: NameFinding[] = [];
  for (const e of existing) {
    if (e.divisionCode !== proposed.divisionCode) continue;
    const other = normaliseTradeName(e.tradeName);
    const conflict = { conflictTradeName: e.tradeName, conflictName: e.fullName };
    if (other === trade && e.industry === proposed.industry) findings.push({ level: "refused", reason: "identical", ...conflict });
    else if (other === trade) findings.push({ level: "warning", reason: "sameTradeOtherIndustry", ...conflict });
    else if (e.industry === proposed.industry && editDistanceAtMostOne([...other], [...trade]))
      findings.push({ level: "warning", reason: "similarTradeName", ...conflict });
  }
  return findings.sort((a, b) => (a.level === b.level ? 0 : a.level === "refused" ? -1 : 1));
}

/** How long a passing name stays reserved for the founder's application (名称保留期). */
export const reservationDays = 30;

export const nameStatuses = ["reserved", "registered", "released"] as const;
export type NameStatus = (typeof nameStatuses)[number];
export const nameEvents = ["register", "release"] as const;
export type NameEvent = (typeof nameEvents)[number];

/**
 * A name's life: reserved by a founder's declaration (audited as `name.reserve`), registered when
 * market regulation registers the enterprise, or released when the reservation lapsed with no
 * application holding it. Names loaded as already registered start at `registered`. A registered
 * name is released when its enterprise takes another name (变更登记) or is deregistered (注销登记).
 * A released name is gone: reserving the same name again makes a new row.
 */
export const nameMachine: TransitionTable<NameStatus, NameEvent> = {
  reserved: { register: "registered", release: "released" },
  registered: { release: "released" },
  released: {},
};
export const initialNameStatus: NameStatus = "reserved";
/** The one state in which a name no longer blocks the same name for another founder (the live-name index). */
export const releasedNameStatus: NameStatus = "released";

export function nextNameStatus(from: NameStatus, event: NameEvent): NameStatus {
  return transition("enterpriseName", nameMachine, from, event);
}

/** Every audit action of a name: its reservation, then one per event of its machine. */
export type NameAuditAction = "name.reserve" | `name.${NameEvent}`;
export const nameAuditActions: readonly NameAuditAction[] = ["name.reserve", ...nameEvents.map((e) => `name.${e}` as const)];

/** The registration module's actions outside the name machine. */
export const registrationAuditActions = ["enterprise.register"] as const;
export type RegistrationAuditAction = (typeof registrationAuditActions)[number];

// ---------------------------------------------------------------------------------------------
// The life cycle after registration: change (变更登记) and deregistration (注销登记)
// ---------------------------------------------------------------------------------------------

/** The two registrations of an existing enterprise that go through this module's own path. */
export const lifecycleKinds = ["change", "deregistration"] as const;
export type LifecycleKind = (typeof lifecycleKinds)[number];

/** The bundles of the life cycle (demo-province.json), by kind. */
export const lifecycleBundles: Record<LifecycleKind, string> = { change: "companyChange", deregistration: "companyDeregistration" };

/** What a change registration may change (市场主体登记管理条例 第八条 registered particulars). */
export const changeItems = ["name", "address", "legalRepresentative", "registeredCapital"] as const;
export type ChangeItem = (typeof changeItems)[number];

/** The registered particulars a change reads from the licence and writes to the new one. */
export interface Particulars {
  name: string;
  businessAddress: string;
  legalRepresentative: string;
  /** Only the legal representative's own record carries it; never shown. */
  legalRepresentativeIdNumber: string;
  /** In 10,000 yuan, as the licence stores it. */
  registeredCapital: string;
}

/**
 * Where each change item sits in a certificate type's declared fields: a field whose source is
 * this form answer or this registry fact carries it. The catalog's fields decide which records a
 * change touches (a seal record carries the name, a tax registration the name and the address).
 */
export const changeItemSources: Record<ChangeItem, { answer?: string; registry?: string }> = {
  name: { registry: "holderName" },
  address: { answer: "businessAddress" },
  legalRepresentative: { registry: "legalRepresentative" },
  registeredCapital: { answer: "registeredCapital" },
};

/** Whether a certificate type's fields carry any of the changed items, so its department must re-issue it. */
export function carriesChangedItem(fields: ReadonlyArray<{ source: { answer: string } | { registry: string } }>, items: readonly ChangeItem[]): boolean {
  return items.some((item) => {
    const where = changeItemSources[item];
    return fields.some((f) => ("answer" in f.source ? f.source.answer === where.answer : f.source.registry === where.registry));
  });
}

/** The items whose values differ between the licence's particulars and the requested ones. */
export function changedItems(before: Particulars, after: Particulars): ChangeItem[] {
  const same = (a: string, b: string) => a.trim() === b.trim();
  const items: ChangeItem[] = [];
  if (!same(before.name, after.name)) items.push("name");
  if (!same(before.businessAddress, after.businessAddress)) items.push("address");
  if (!same(before.legalRepresentative, after.legalRepresentative) || !same(before.legalRepresentativeIdNumber, after.legalRepresentativeIdNumber))
    items.push("legalRepresentative");
  if (Number(before.registeredCapital) !== Number(after.registeredCapital)) items.push("registeredCapital");
  return items;
}

/** The life-cycle registrations' own pages, by bundle code: their guides link there, not to the generic apply form. */
export const registrationPages: Readonly<Record<string, string>> = {
  [lifecycleBundles.change]: "/applicant/change",
  [lifecycleBundles.deregistration]: "/applicant/deregister",
};

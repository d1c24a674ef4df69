import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { certificateTypeIdentifying } from "../catalog/certificate-types";
import { formatAnswerBoth } from "../catalog/model";
import { maskIdNumber } from "../identity/id-number";
import { catalogRow, readerServiceCodes, type AnswerGroup, type AnswerRow, type AnswerSourceInput, type Bilingual } from "../review/answer-groups";
import en from "./messages.form.en.json";
import zh from "./messages.form.zh-CN.json";
import { contributionForms } from "./model";
import { businessRegistrations } from "./schema";

// The reviewer's words are the form's: group titles are the form's legends (one definition).
const apply = (key: keyof typeof zh.form.apply): Bilingual => ({ zh: zh.form.apply[key], en: en.form.apply[key] });
const said = (key: keyof typeof zh.form.answers): Bilingual => ({ zh: zh.form.answers[key], en: en.form.answers[key] });
const same = (text: string): Bilingual => ({ zh: text, en: text });

/** A contribution is kept in 10,000 yuan: shown as the form's other amounts are, with the unit. */
const tenThousandYuan = { fieldType: "number" as const, options: null, unit: "tenThousandYuan" as const };
const percent = { fieldType: "number" as const, options: null, unit: "percent" as const };
const day = { fieldType: "date" as const, options: null };

/**
 * The start-a-business application as its form groups it, for a reviewer: the company, the legal
 * representative, the shareholders with their contributions, what the four other departments
 * need, and the founder's commitments. The answers the catalog defines are labelled from the
 * catalog; the rest (shareholders, ID numbers, commitments) are kept by registration beside the
 * application. ID numbers are shown in full only to the step that registers the enterprise (it
 * checks them against the population register); other departments see them masked (DESIGN:
 * personal numbers are masked wherever they are not needed). Null for any other application.
 */
export async function startBusinessAnswers(db: Db, input: AnswerSourceInput): Promise<AnswerGroup[] | null> {
  const [reg] = await db.select().from(businessRegistrations).where(eq(businessRegistrations.applicationId, input.applicationId));
  if (!reg) return null;
  const services = readerServiceCodes(input);
  // Plans made before the catalog flag name the registering step by the licence it issues.
  const licenceType = await certificateTypeIdentifying(db, "entity");
  const registering = input.plan.find((s) => s.registersEntity ?? (licenceType !== null && s.issuesCertificateType === licenceType));
  const registers = Boolean(registering && input.readerStepKeys.has(registering.key));
  const idNumber = (id: string): Bilingual => same(registers ? id : maskIdNumber(id));

  const placed = new Set<string>();
  const fromCatalog = (keys: readonly string[]): AnswerRow[] =>
    keys.flatMap((key) => {
      const row = catalogRow(input, key, services);
      if (!row) return [];
      placed.add(key);
      return [row];
    });
  const group = (key: string, title: Bilingual, rows: AnswerRow[], table: AnswerGroup["table"] = null, forStep = false): AnswerGroup => ({
    key,
    title,
    forStep: forStep || rows.some((r) => r.forStep),
    rows,
    table,
  });

  const capital = Number(reg.registeredCapital);
  const groups: AnswerGroup[] = [
    group("company", apply("entityLegend"), fromCatalog(["enterpriseName", "entityType", "registeredCapital", "businessAddress", "businessScope"])),
    group("legalRepresentative", apply("legalRepLegend"), [
      ...fromCatalog(["legalRepresentativeName"]),
      { key: "legalRepresentativeIdNumber", label: said("legalRepId"), value: idNumber(reg.legalRepresentativeIdNumber), forStep: registers, mono: true },
    ]),
    group(
      "shareholders",
      apply("shareholdersLegend"),
      [],
      {
        columns: [
          { key: "name", label: said("shareholderName") },
          { key: "idNumber", label: said("shareholderId"), mono: true },
          { key: "contribution", label: said("contribution") },
          { key: "share", label: said("share") },
          { key: "contributionForm", label: said("contributionForm") },
          { key: "contributionDueOn", label: said("contributionDueOn") },
        ],
        rows: reg.shareholders.map((s) => ({
          name: same(s.name),
          idNumber: idNumber(s.idNumber),
          contribution: formatAnswerBoth(tenThousandYuan, s.contribution),
          share: capital > 0 ? formatAnswerBoth(percent, ((Number(s.contribution) / capital) * 100).toFixed(2)) : null,
          contributionForm: s.contributionForm
            ? { zh: contributionForms[s.contributionForm].labelZh, en: contributionForms[s.contributionForm].labelEn }
            : null,
          contributionDueOn: formatAnswerBoth(day, s.contributionDueOn),
        })),
      },
      registers,
    ),
    group("departments", apply("departmentsLegend"), fromCatalog(["sealTypes", "invoiceTypes", "employeeCount", "housingFundRate", "bankAccount"])),
    // The form cannot be submitted without these (ZStartBusinessInput takes each as `true`), so a
    // kept registration is the record that the founder gave them.
    group("commitments", apply("commitmentsLegend"), [
      { key: "addressCommitment", label: said("addressCommitment"), value: said("addressCommitmentGiven"), forStep: registers },
      { key: "standardArticles", label: said("standardArticles"), value: said("standardArticlesGiven"), forStep: registers },
      { key: "consent", label: said("consent"), value: said("consentGiven"), forStep: registers },
    ]),
  ];
  // A form field the catalog added later still reaches the reviewer.
  const rest = fromCatalog(input.materials.filter((m) => m.source === "formField" && !placed.has(m.key)).map((m) => m.key));
  if (rest.length) groups.push(group("other", said("otherLegend"), rest));
  return groups;
}

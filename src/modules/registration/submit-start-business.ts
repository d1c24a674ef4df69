import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { shanghaiDate } from "@/lib/dates";
import { DomainError, isZodErrorLike } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { ZSubmitApplicationInput } from "../applications/inputs";
import { submitApplication } from "../applications/submit-application";
import { loadDivisionTable } from "../divisions/load-divisions";
import { divisionFullName } from "../divisions/model";
import type { Actor } from "../identity/model";
import { citizens } from "../identity/schema";
import type { ZStartBusinessInput } from "./inputs";
import { businessScopeItems, contributionDueProblem, entityTypes, latestContributionDay } from "./model";
import { endedApplicationIds } from "./names";
import { businessRegistrations, enterpriseNames } from "./schema";

/** The bundle the start-a-business form submits: registration first, then four departments at once. */
export const startBusinessBundle = "startBusiness";
/**
 * The registration's premises proof (住所使用证明): the form's address declaration (住所申报承诺)
 * is the catalog's commitment on it, through the same path as any commitment instead of proof
 * (so a founder on the dishonesty list, or with a broken commitment, cannot make it).
 */
export const premisesProofKey = "premisesProof";

/**
 * Submits the start-a-business bundle from the one form: the founder's reserved name, the
 * enterprise's particulars and what each department needs, as one application. The details the
 * services do not ask for one by one (shareholders, the address's division, the scope codes) are
 * kept with it, in the same transaction; the reservation becomes the application's.
 */
export async function submitStartBusiness(db: Db, actor: Actor, input: z.output<typeof ZStartBusinessInput>, now: Date = new Date()) {
  // The founder applies as themself: an agent acting for someone, or the window, does not found a company.
  if (actor.role !== "citizen" || actor.agency || !actor.personId) throw new DomainError("forbidden", "registration.errors.founderOnly");
  const [founder] = await db.select().from(citizens).where(eq(citizens.id, actor.personId));
  if (!founder) throw new DomainError("forbidden", "registration.errors.founderOnly");
  const [name] = await db.select().from(enterpriseNames).where(eq(enterpriseNames.id, input.nameId));
  if (!name || name.reservedBy !== actor.userId || name.status !== "reserved")
    throw new DomainError("invalidInput", "registration.errors.noReservation", { field: "nameId" });
  if (!(entityTypes[input.entityType].forms as readonly string[]).includes(name.form)) {
    throw new DomainError("invalidInput", "registration.errors.formMismatch", { field: "entityType", params: { form: name.form } });
  }
  // Company Law art. 47: a company's contributions are paid within five years of its establishment.
  const today = shanghaiDate(now);
  input.shareholders.forEach((s, i) => {
    const problem = contributionDueProblem(s.contributionDueOn, today, input.entityType);
    if (problem)
      throw new DomainError(
        "invalidInput",
        problem === "past" ? "registration.validation.contributionDuePast" : "registration.validation.contributionDueBeyondFiveYears",
        { field: `shareholders.${i}.contributionDueOn`, params: { latest: latestContributionDay(today) } },
      );
  });
  const table = await loadDivisionTable(db);
  const county = table.get(input.divisionCode);
  if (county?.level !== 3 || !input.divisionCode.startsWith("13"))
    throw new DomainError("invalidInput", "registration.validation.addressDivision", { field: "divisionCode" });
  // A name under a city is registered at an address in that city.
  if (name.divisionCode !== "130000" && county.parentCode !== name.divisionCode) {
    throw new DomainError("invalidInput", "registration.errors.addressOutsideNameDivision", { field: "divisionCode", params: { division: name.divisionName } });
  }
  const scope = input.scopeCodes.map((c) => businessScopeItems.find((s) => s.code === c)?.zh ?? c);
  const businessAddress = `${divisionFullName(input.divisionCode, table) ?? ""}${input.streetAddress}`;

  const submission = ZSubmitApplicationInput.parse({
    subject: { kind: "bundle", code: startBusinessBundle },
    idempotencyKey: input.idempotencyKey,
    formData: {
      enterpriseName: name.fullName,
      entityType: input.entityType,
      registeredCapital: input.registeredCapital,
      businessAddress,
      businessScope: scope.join("；"),
      legalRepresentativeName: input.legalRepresentative.name,
      sealTypes: input.sealTypes,
      invoiceTypes: input.invoiceTypes,
      bankAccount: input.bankAccount,
      employeeCount: String(input.employeeCount),
      housingFundRate: input.housingFundRate,
    },
    materials: { [premisesProofKey]: { kind: "commitment", accepted: input.addressCommitment } },
    consent: input.consent,
  });

  // The commitment's refusal (an excluded founder) belongs on the form's declaration.
  return submitApplication(db, actor, submission, now, {
    registrationPath: true,
    alsoInTransaction: async (tx, applicationId) => {
      const [taken] = await tx
        .update(enterpriseNames)
        .set({ applicationId })
        .where(
          and(
            eq(enterpriseNames.id, name.id),
            eq(enterpriseNames.reservedBy, actor.userId),
            eq(enterpriseNames.status, "reserved"),
            or(
              isNull(enterpriseNames.applicationId),
              eq(enterpriseNames.applicationId, applicationId),
              inArray(enterpriseNames.applicationId, endedApplicationIds(tx)),
            ),
          ),
        )
        .returning({ id: enterpriseNames.id });
      if (!taken) throw new DomainError("conflict", "registration.errors.nameInUse", { field: "nameId" });
      await tx
        .insert(businessRegistrations)
        .values({
          applicationId,
          nameId: name.id,
          entityType: input.entityType,
          registeredCapital: input.registeredCapital,
          divisionCode: input.divisionCode,
          streetAddress: input.streetAddress,
          scopeCodes: input.scopeCodes,
          legalRepresentativeName: input.legalRepresentative.name,
          legalRepresentativeIdNumber: input.legalRepresentative.idNumber,
          shareholders: input.shareholders,
          employeeCount: input.employeeCount,
          founderPhone: founder.phone ?? "",
        });
    },
  }).catch((error: unknown) => {
    if (!isZodErrorLike(error)) throw error;
    const onForm = (path: readonly PropertyKey[]) => (path.join(".") === `materials.${premisesProofKey}` ? ["addressCommitment"] : [...path]);
    throw new z.ZodRealError(error.issues.map((issue) => ({ ...issue, path: onForm(issue.path) })) as z.core.$ZodIssue[]);
  });
}

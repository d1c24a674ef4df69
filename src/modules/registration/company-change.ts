import { eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { ZSubmitApplicationInput } from "../applications/inputs";
import { submitApplication } from "../applications/submit-application";
import { loadApplicationPlan } from "../catalog/load-application-plan";
import { certificateTypes } from "../catalog/schema";
import { applicantIdentity } from "../identity/holder";
import type { Actor } from "../identity/model";
import { readCertificates } from "../sharing/gate";
import { shanghaiDate } from "@/lib/dates";
import type { ZCompanyChangeInput } from "./inputs";
import { actingEnterprise, assertNoOtherOpenLifecycle, entityLicenceType, openLifecycleApplication, particularsOf, readOwnLicence } from "./lifecycle";
import {
  carriesChangedItem,
  changedItems,
  compareName,
  entityTypes,
  fullName,
  industries,
  lifecycleBundles,
  normaliseTradeName,
  reservationDays,
  type EntityType,
  type NameAuditAction,
  type NameParts,
  type Particulars,
} from "./model";
import { liveNames, nameDivisionName } from "./names";
import { enterpriseNames, lifecycleRegistrations } from "./schema";
import { divisions } from "../divisions/schema";
import { recordAudit } from "../audit/record-audit";
import { namesStream } from "./name-transition";

const dayMs = 86_400_000;

/**
 * What the change form starts from: the particulars on the enterprise's licence, read through the
 * gate as its holder (pre-fill, logged), so nothing registered is typed again; the name choices;
 * and the change already open, if one is.
 */
export async function companyChangeOptions(db: Db, actor: Actor, now: Date = new Date()) {
  const who = await applicantIdentity(db, actor);
  // A closed enterprise, or one without a valid licence, is told why on the page, not with an error.
  if (who.kind !== "enterprise" || !who.entityId) throw new DomainError("forbidden", "registration.lifecycle.errors.enterpriseOnly");
  if (who.deregistered) return { available: false as const, reason: "deregistered" as const };
  const {
    certificates: [licence],
  } = await readCertificates(db, actor, {
    holderCode: who.holderCode,
    typeCodes: [await entityLicenceType(db)],
    purpose: { kind: "own", use: "prefill" },
    today: shanghaiDate(now),
  });
  if (licence?.status !== "valid") return { available: false as const, reason: "noLicence" as const };
  const current = particularsOf(licence);
  const entityType = (licence.fields.entityType ?? "limitedLiabilityCompany") as EntityType;
  const nameDivisions = await db
    .select({ code: divisions.code, nameZh: divisions.nameZh })
    .from(divisions)
    .where(inArray(divisions.code, ["130000", ...Array.from({ length: 11 }, (_, i) => `13${String(i + 1).padStart(2, "0")}00`)]));
  const open = await openLifecycleApplication(db, who.entityId);
  return {
    available: true as const,
    creditCode: who.holderCode,
    licenceNumber: licence.number,
    current: {
      name: current.name,
      businessAddress: current.businessAddress,
      legalRepresentative: current.legalRepresentative,
      registeredCapital: current.registeredCapital,
    },
    entityType,
    forms: [...(entityTypes[entityType]?.forms ?? entityTypes.limitedLiabilityCompany.forms)],
    nameDivisions: nameDivisions.map((d) => ({ code: d.code, name: nameDivisionName(d.nameZh) })).sort((a, b) => a.code.localeCompare(b.code)),
    industries: industries.map((i) => ({ value: i.value, labelEn: i.labelEn })),
    open: open ? { applicationId: open.applicationId, trackingNumber: open.trackingNumber, kind: open.kind } : null,
  };
}

/**
 * Submits a change registration (变更登记“一件事”) for the enterprise the actor acts for. The
 * particulars before the change are the licence's, read through the gate; the requested ones are
 * compared with them (a change that changes nothing is refused), a new name is checked against
 * the names registered or reserved and reserved for this application. The bundle keeps market
 * regulation's step and only the departments whose record (by the catalog's certificate fields)
 * carries a changed particular and which the enterprise holds. A second open change is refused.
 */
export async function submitCompanyChange(db: Db, actor: Actor, input: z.output<typeof ZCompanyChangeInput>, now: Date = new Date()) {
  const who = await actingEnterprise(db, actor, "subject");
  const licence = await readOwnLicence(db, actor, who.holderCode, "submission", now, "subject");
  const before = particularsOf(licence);

  let nameParts: NameParts | null = null;
  if (input.changeName) {
    if (!input.newName) throw new DomainError("invalidInput", "registration.validation.tradeName.length", { field: "newName.tradeName" });
    const [division] = await db.select({ nameZh: divisions.nameZh }).from(divisions).where(eq(divisions.code, input.newName.divisionCode));
    if (!division) throw new DomainError("invalidInput", "registration.validation.nameDivision", { field: "newName.divisionCode" });
    const entityType = (licence.fields.entityType ?? "limitedLiabilityCompany") as EntityType;
    if (!(entityTypes[entityType]?.forms as readonly string[] | undefined)?.includes(input.newName.form)) {
      throw new DomainError("invalidInput", "registration.validation.form", { field: "newName.form" });
    }
    nameParts = { ...input.newName, divisionName: nameDivisionName(division.nameZh) };
  }
  if (input.changeLegalRepresentative && !input.legalRepresentative) {
    throw new DomainError("invalidInput", "validation.personName", { field: "legalRepresentative.name" });
  }
  const after: Particulars = {
    name: nameParts ? fullName(nameParts) : before.name,
    businessAddress: input.businessAddress,
    legalRepresentative: input.changeLegalRepresentative && input.legalRepresentative ? input.legalRepresentative.name : before.legalRepresentative,
    legalRepresentativeIdNumber:
      input.changeLegalRepresentative && input.legalRepresentative ? input.legalRepresentative.idNumber : before.legalRepresentativeIdNumber,
    registeredCapital: input.registeredCapital,
  };
  const items = changedItems(before, after);
  if (items.length === 0) throw new DomainError("invalidInput", "registration.lifecycle.errors.nothingChanged", { field: "changes" });
  if (nameParts && items.includes("name")) {
    // 企业名称登记管理规定 第十七条: not the same as a name registered or reserved in the division.
    const refusal = compareName(nameParts, await liveNames(db, nameParts.divisionCode, now)).find((f) => f.level === "refused");
    if (refusal) {
      throw new DomainError("conflict", "registration.errors.nameRefused", {
        field: "newName.tradeName",
        params: { trade: refusal.conflictTradeName, name: refusal.conflictName },
      });
    }
  }

  // Which departments' records carry a changed particular (the catalog's certificate fields),
  // among those the enterprise holds (read through the gate as their holder).
  const bundle = lifecycleBundles.change;
  const plan = await loadApplicationPlan(db, { kind: "bundle", code: bundle });
  const licenceStep = plan.steps.find((s) => s.registersEntity);
  if (!licenceStep) throw new Error(`bundle ${bundle} has no registration step`);
  const downstream = plan.steps.filter((s) => s.key !== licenceStep.key && s.issuesCertificateType);
  const typeCodes = [...new Set(downstream.map((s) => s.issuesCertificateType!))];
  const types = typeCodes.length
    ? await db.select({ code: certificateTypes.code, fields: certificateTypes.fields }).from(certificateTypes).where(inArray(certificateTypes.code, typeCodes))
    : [];
  const held = typeCodes.length
    ? (await readCertificates(db, actor, { holderCode: who.holderCode, typeCodes, purpose: { kind: "own", use: "submission" }, today: shanghaiDate(now) }))
        .certificates
    : [];
  const carrying = new Set(types.filter((t) => carriesChangedItem(t.fields, items)).map((t) => t.code));
  const holds = new Set(held.filter((c) => c.status === "valid").map((c) => c.typeCode));
  const keep = new Set([
    licenceStep.key,
    ...downstream.filter((s) => carrying.has(s.issuesCertificateType!) && holds.has(s.issuesCertificateType!)).map((s) => s.key),
  ]);

  const submission = ZSubmitApplicationInput.parse({
    subject: { kind: "bundle", code: bundle },
    idempotencyKey: input.idempotencyKey,
    formData: {
      enterpriseName: after.name,
      businessAddress: after.businessAddress,
      legalRepresentativeName: after.legalRepresentative,
      registeredCapital: after.registeredCapital,
    },
    materials: {},
    consent: input.consent,
  });
  return submitApplication(db, actor, submission, now, {
    registrationPath: true,
    keepSteps: (s) => keep.has(s.key),
    alsoInTransaction: async (tx, applicationId) => {
      await assertNoOtherOpenLifecycle(tx, who.entityId, applicationId, "subject");
      let nameId: string | null = null;
      if (nameParts && items.includes("name")) {
        // The unique index on live names lets one of two racing enterprises have it.
        const [reserved] = await tx
          .insert(enterpriseNames)
          .values({
            ...nameParts,
            fullName: after.name,
            normalisedTrade: normaliseTradeName(nameParts.tradeName),
            status: "reserved",
            reservedBy: actor.userId,
            reservedUntil: new Date(now.getTime() + reservationDays * dayMs),
            applicationId,
            createdAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: enterpriseNames.id });
        if (!reserved) throw new DomainError("conflict", "registration.errors.nameTaken", { field: "newName.tradeName" });
        nameId = reserved.id;
        await recordAudit<NameAuditAction>(tx, {
          streamId: namesStream,
          actor: { userId: actor.userId, role: actor.role },
          action: "name.reserve",
          entityType: "enterpriseName",
          entityId: reserved.id,
          to: "reserved",
          data: { fullName: after.name, applicationId },
          at: now,
        });
      }
      await tx
        .insert(lifecycleRegistrations)
        .values({
          applicationId,
          kind: "change",
          entityId: who.entityId,
          creditCode: who.holderCode,
          licenceNumber: licence.number,
          before,
          after,
          items,
          nameId,
          createdAt: now,
        });
    },
  });
}

import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import type { ZSaveCertificateTypeInput } from "./inputs";
import { newCatalogVersion } from "./catalog-version";
import { unknownAnswerFields, type CatalogAuditAction, type CertificateField, type CertificateIdentity } from "./model";
import { catalogFindings, refuseAddedFindings } from "./lint-catalog";
import { certificateTypes, materials, services } from "./schema";

/**
 * The code of the certificate type that proves what `kind` says (the catalog's `identifies` flag:
 * the licence that proves an entity exists, the card that proves who a person is), or null when
 * the catalog has none. Domain code asks this instead of naming a catalog code.
 */
export async function certificateTypeIdentifying(db: Db, kind: CertificateIdentity): Promise<string | null> {
  const [row] = await db.select({ code: certificateTypes.code }).from(certificateTypes).where(eq(certificateTypes.identifies, kind));
  return row?.code ?? null;
}

/** The certificate types with their issuer and fields, for the data office's page. */
export async function listCertificateTypes(db: Db) {
  const rows = await db
    .select({
      code: certificateTypes.code,
      nameZh: certificateTypes.nameZh,
      nameEn: certificateTypes.nameEn,
      issuerDepartmentCode: departments.code,
      issuerNameZh: departments.nameZh,
      issuerNameEn: departments.nameEn,
      validityYears: certificateTypes.validityYears,
      identifies: certificateTypes.identifies,
      fields: certificateTypes.fields,
      updatedAt: certificateTypes.updatedAt,
    })
    .from(certificateTypes)
    .innerJoin(departments, eq(departments.id, certificateTypes.issuerDepartmentId))
    .orderBy(asc(departments.code), asc(certificateTypes.code));
  const issuing = await db
    .select({ type: services.issuesCertificateType, code: services.code, nameZh: services.nameZh, nameEn: services.nameEn })
    .from(services)
    .where(inArray(services.issuesCertificateType, rows.length ? rows.map((r) => r.code) : [""]));
  const formKeys = await formFieldKeysByType(db);
  const departmentList = await db
    .select({ code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn })
    .from(departments)
    .orderBy(asc(departments.code));
  return {
    departments: departmentList,
    types: rows.map((r) => ({
      ...r,
      issuedBy: issuing.filter((s) => s.type === r.code).map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })),
      formKeys: [...(formKeys.get(r.code) ?? [])].sort(),
    })),
  };
}

/** For each type some service issues: the form-field keys of those services (what an answer source may name). */
async function formFieldKeysByType(db: Db, typeCode?: string): Promise<Map<string, Set<string>>> {
  const rows = await db
    .select({ type: services.issuesCertificateType, key: materials.key })
    .from(services)
    .innerJoin(materials, eq(materials.serviceId, services.id))
    .where(and(eq(materials.source, "formField"), typeCode ? eq(services.issuesCertificateType, typeCode) : undefined));
  const issued = await db
    .select({ type: services.issuesCertificateType })
    .from(services)
    .where(typeCode ? eq(services.issuesCertificateType, typeCode) : undefined);
  const out = new Map<string, Set<string>>();
  for (const s of issued) if (s.type && !out.has(s.type)) out.set(s.type, new Set());
  for (const r of rows) if (r.type) out.get(r.type)?.add(r.key);
  return out;
}

/**
 * The data office creates a certificate type or edits one: names, issuing department, validity
 * and the fields its certificates carry. Refused on the field, with nothing written: a code
 * already used (create), an unknown department, an answer no issuing service's form asks for (the
 * shape — enum options, duplicate keys — is the input's). One transaction with its audit event
 * and a new catalog version. Certificates already issued keep what they say (they are signed).
 */
export async function saveCertificateType(db: Db, actor: Actor, input: z.output<typeof ZSaveCertificateTypeInput>, now: Date = new Date()) {
  if (actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const [issuer] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, input.issuerDepartmentCode));
    if (!issuer) throw new DomainError("invalidInput", "catalog.errors.unknownDepartment", { field: "issuerDepartmentCode" });
    const [before] = await tx.select().from(certificateTypes).where(eq(certificateTypes.code, input.code)).for("update");
    if (input.create && before) {
      throw new DomainError("conflict", "catalog.errors.certificateTypeExists", { field: "code", params: { code: input.code } });
    }
    if (!input.create && !before) throw new DomainError("notFound", "catalog.errors.certificateTypeNotFound", { field: "code" });
    const findingsBefore = await catalogFindings(tx);
    const formKeys = (await formFieldKeysByType(tx, input.code)).get(input.code) ?? null;
    const fields: CertificateField[] = input.fields.map((f) => ({ ...f }));
    const [unknown] = unknownAnswerFields(fields, formKeys);
    if (unknown !== undefined) {
      const f = fields[unknown];
      throw new DomainError("invalidInput", "catalog.errors.unknownAnswer", {
        field: `fields.${unknown}.source.answer`,
        params: { key: f && "answer" in f.source ? f.source.answer : "" },
      });
    }
    const identifies = input.identifies === undefined ? (before?.identifies ?? null) : input.identifies;
    if (identifies) {
      // One type per kind (also a unique index): the licence or card domain code looks up by this flag.
      const holder = await certificateTypeIdentifying(tx, identifies);
      if (holder && holder !== input.code) throw new DomainError("conflict", "catalog.errors.identityTaken", { field: "identifies", params: { code: holder } });
    }
    const values = { nameZh: input.nameZh, nameEn: input.nameEn, issuerDepartmentId: issuer.id, validityYears: input.validityYears, identifies, fields };
    if (before) {
      await tx
        .update(certificateTypes)
        .set({ ...values, updatedAt: now })
        .where(eq(certificateTypes.code, input.code));
    } else {
      await tx.insert(certificateTypes).values({ code: input.code, ...values, updatedAt: now });
    }
    // A name that makes an uploaded material a document government issues is a finding (lint.ts).
    await refuseAddedFindings(tx, findingsBefore, () => "nameZh");
    const action: CatalogAuditAction = before ? "catalog.updateCertificateType" : "catalog.createCertificateType";
    const catalogVersion = await newCatalogVersion(tx, { reason: action, subject: input.code, actorUserId: actor.userId, now });
    await recordAudit<CatalogAuditAction>(tx, {
      streamId: "catalog",
      actor: { userId: actor.userId, role: actor.role },
      action,
      entityType: "certificateType",
      entityId: input.code,
      data: {
        code: input.code,
        before: before
          ? { nameZh: before.nameZh, nameEn: before.nameEn, validityYears: before.validityYears, identifies: before.identifies, fields: before.fields }
          : null,
        after: {
          nameZh: values.nameZh,
          nameEn: values.nameEn,
          issuerDepartmentCode: input.issuerDepartmentCode,
          validityYears: values.validityYears,
          identifies,
          fields,
        },
        catalogVersion,
      },
      at: now,
    });
    return { code: input.code, created: !before };
  });
}

import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { shanghaiDate } from "@/lib/dates";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { cachedCalendar } from "../calendar/load-calendar";
import { addWorkingDays } from "../calendar/model";
import { services } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { departments, users } from "../identity/schema";
import type { ZDecideGrantInput, ZRequestGrantInput } from "./inputs";
import { applyGrantEvent, sharingCatalogStream, type GrantRow } from "./grant-transition";
import { grantAnswerWorkingDays, isGrantAnswerLate, type GrantAuditAction } from "./model";
import { dataResources, grants } from "./schema";

// Grants (共享授权): which consumer department may read which resource, for which services.
// Unconditional resources are granted at once; conditional ones wait for the provider's approval;
// resources that are not shared cannot be granted. A conditional request is answered by the
// provider within `grantAnswerWorkingDays` working days (政务数据共享条例); a late answer stays
// marked late on the grant and is listed for the data office.

const provider = alias(departments, "provider");
const consumer = alias(departments, "consumer");

/**
 * Grants with names; a reviewer sees the ones on their department's resources, the data office all.
 * Each says when its answer is (or was) due and whether it is late on `now`'s day in China.
 */
export async function listGrants(db: Db, actor: Actor, now: Date = new Date()) {
  if (actor.role !== "dataOffice" && actor.role !== "reviewer") throw new DomainError("forbidden", "errors.forbidden");
  const rows = await db
    .select({
      g: grants,
      resourceCode: dataResources.code,
      resourceNameZh: dataResources.nameZh,
      resourceNameEn: dataResources.nameEn,
      shareType: dataResources.shareType,
      providerId: provider.id,
      providerNameZh: provider.nameZh,
      providerNameEn: provider.nameEn,
      consumerCode: consumer.code,
      consumerNameZh: consumer.nameZh,
      consumerNameEn: consumer.nameEn,
      requesterName: users.displayName,
    })
    .from(grants)
    .innerJoin(dataResources, eq(dataResources.id, grants.resourceId))
    .innerJoin(provider, eq(provider.id, dataResources.providerDepartmentId))
    .innerJoin(consumer, eq(consumer.id, grants.consumerDepartmentId))
    .leftJoin(users, eq(users.id, grants.requestedBy))
    .where(actor.role === "reviewer" ? eq(dataResources.providerDepartmentId, actor.departmentId ?? "") : undefined)
    .orderBy(asc(grants.status), desc(grants.requestedAt));
  const today = shanghaiDate(now);
  return rows.map((r) => ({
    id: r.g.id,
    version: r.g.version,
    status: r.g.status,
    resource: { code: r.resourceCode, nameZh: r.resourceNameZh, nameEn: r.resourceNameEn, shareType: r.shareType },
    provider: { nameZh: r.providerNameZh, nameEn: r.providerNameEn },
    consumer: { code: r.consumerCode, nameZh: r.consumerNameZh, nameEn: r.consumerNameEn },
    serviceCodes: r.g.serviceCodes,
    purpose: r.g.purpose,
    requesterName: r.requesterName,
    requestedAt: r.g.requestedAt,
    decidedAt: r.g.decidedAt,
    decisionReason: r.g.decisionReason,
    answerDueOn: r.g.answerDueOn,
    answeredOn: r.g.answeredOn,
    late: isGrantAnswerLate(r.g, today),
  }));
}

/** The data office asks, for a consumer department, to read a resource for named services. */
export async function requestGrant(db: Db, actor: Actor, input: z.output<typeof ZRequestGrantInput>, now: Date = new Date()) {
  const cal = await cachedCalendar(db, now.getTime());
  return db.transaction(async (tx) => {
    const [resource] = await tx.select().from(dataResources).where(eq(dataResources.code, input.resourceCode));
    if (!resource) throw new DomainError("notFound", "sharing.errors.resourceNotFound", { field: "resourceCode" });
    const [dept] = await tx.select().from(departments).where(eq(departments.code, input.consumerDepartmentCode));
    if (!dept) throw new DomainError("invalidInput", "sharing.errors.departmentNotFound", { field: "consumerDepartmentCode" });
    if (resource.shareType === "notShared") throw new DomainError("invalidInput", "sharing.errors.notShared", { field: "resourceCode" });
    if (dept.id === resource.providerDepartmentId) throw new DomainError("invalidInput", "sharing.errors.ownResource", { field: "consumerDepartmentCode" });
    const serviceCodes = [...new Set(input.serviceCodes)].sort();
    const known = await tx.select({ code: services.code, departmentId: services.departmentId }).from(services).where(inArray(services.code, serviceCodes));
    const unknown = serviceCodes.filter((c) => !known.some((k) => k.code === c && k.departmentId === dept.id));
    if (unknown.length > 0)
      throw new DomainError("invalidInput", "sharing.errors.serviceNotOfConsumer", { field: "serviceCodes", params: { codes: unknown.join(", ") } });

    const status = resource.shareType === "unconditional" ? ("approved" as const) : ("requested" as const);
    // A conditional request owes an answer within the set working days from the day it is asked.
    const answerDueOn = status === "requested" ? addWorkingDays(cal, shanghaiDate(now), grantAnswerWorkingDays) : null;
    const decided =
      status === "approved" ? { decidedBy: actor.userId, decidedAt: now, decisionReason: null } : { decidedBy: null, decidedAt: null, decisionReason: null };
    const [existing] = await tx
      .select()
      .from(grants)
      .where(and(eq(grants.resourceId, resource.id), eq(grants.consumerDepartmentId, dept.id)))
      .for("update");
    let row: GrantRow;
    const widened = existing ? [...new Set([...existing.serviceCodes, ...serviceCodes])].sort() : serviceCodes;
    const asked = { purpose: input.purpose, requestedBy: actor.userId, requestedAt: now };
    if (existing && (existing.status === "requested" || (existing.status === "approved" && status === "approved"))) {
      // Asked again while pending, or an unconditional grant in force: the same grant covers more
      // services; its status does not move, nor does the day its answer is due.
      const [updated] = await tx
        .update(grants)
        .set({ ...asked, serviceCodes: widened, ...(existing.status === "approved" ? decided : {}), version: existing.version + 1 })
        .where(and(eq(grants.id, existing.id), eq(grants.version, existing.version)))
        .returning();
      if (!updated) throw new DomainError("conflict", "errors.staleVersion");
      row = updated;
      await recordAudit<GrantAuditAction>(tx, {
        streamId: sharingCatalogStream,
        actor: { userId: actor.userId, role: actor.role },
        action: "grant.request",
        entityType: "grant",
        entityId: row.id,
        from: existing.status,
        to: row.status,
        data: { resource: resource.code, consumer: dept.code, serviceCodes, answerDueOn: existing.answerDueOn },
        at: now,
      });
    } else if (existing) {
      // A conditional grant in force is not reopened behind the provider's back; a refused or
      // revoked one may be asked for again (the table says which), and an unconditional resource's
      // request is approved at once.
      if (existing.status === "approved") throw new DomainError("conflict", "sharing.errors.grantInForce", { field: "resourceCode" });
      const data = { resource: resource.code, consumer: dept.code, serviceCodes };
      row = await applyGrantEvent(tx, existing, "request", {
        actor,
        now,
        patch: { ...asked, serviceCodes, decidedBy: null, decidedAt: null, decisionReason: null, answerDueOn, answeredOn: null },
        data: { ...data, answerDueOn },
      });
      if (status === "approved") row = await applyGrantEvent(tx, row, "approve", { actor, now, patch: decided, data: { ...data, unconditional: true } });
    } else {
      // A new grant starts `requested`, or `approved` at once for an unconditional resource.
      [row] = (await tx
        .insert(grants)
        .values({
          resourceId: resource.id,
          consumerDepartmentId: dept.id,
          serviceCodes,
          purpose: input.purpose,
          status,
          requestedBy: actor.userId,
          requestedAt: now,
          answerDueOn,
          ...decided,
        })
        .returning()) as [GrantRow];
      await recordAudit<GrantAuditAction>(tx, {
        streamId: sharingCatalogStream,
        actor: { userId: actor.userId, role: actor.role },
        action: "grant.request",
        entityType: "grant",
        entityId: row.id,
        from: null,
        to: row.status,
        data: { resource: resource.code, consumer: dept.code, serviceCodes, answerDueOn },
        at: now,
      });
    }
    return { id: row.id, status: row.status, version: row.version, answerDueOn: row.answerDueOn };
  });
}

/**
 * Approves or rejects a requested grant (a reviewer of the provider department), or revokes an
 * approved one (the data office or the provider). Optimistic: a stale version is a conflict.
 */
export async function decideGrant(db: Db, actor: Actor, input: z.output<typeof ZDecideGrantInput>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ g: grants, providerId: dataResources.providerDepartmentId })
      .from(grants)
      .innerJoin(dataResources, eq(dataResources.id, grants.resourceId))
      .where(eq(grants.id, input.grantId))
      .for("update", { of: grants });
    const isProvider = actor.role === "reviewer" && row?.providerId === actor.departmentId;
    if (!row || (!isProvider && actor.role !== "dataOffice")) throw new DomainError("notFound", "errors.notFound");
    // Only the provider approves or rejects a conditional request; the data office may revoke.
    if (input.decision !== "revoke" && !isProvider) throw new DomainError("forbidden", "sharing.errors.providerDecides");
    if (row.g.version !== input.version) throw new DomainError("conflict", "errors.staleVersion");
    if (input.decision !== "approve" && !input.reason?.trim()) throw new DomainError("invalidInput", "sharing.validation.reasonShort", { field: "reason" });
    // Approving or rejecting answers the request (on this day, late or not); revoking does not.
    const answeredOn = input.decision === "revoke" ? row.g.answeredOn : shanghaiDate(now);
    const late = input.decision !== "revoke" && isGrantAnswerLate({ answerDueOn: row.g.answerDueOn, answeredOn }, answeredOn ?? shanghaiDate(now));
    const updated = await applyGrantEvent(tx, row.g, input.decision, {
      actor,
      now,
      patch: { decidedBy: actor.userId, decidedAt: now, decisionReason: input.reason?.trim() || null, answeredOn },
      data: { reason: input.reason ?? null, ...(input.decision === "revoke" ? {} : { answerDueOn: row.g.answerDueOn, late }) },
    });
    return { id: updated.id, status: updated.status, version: updated.version, late };
  });
}

import { and, eq, ne, or } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import type { ApplicationRow } from "../applications/transition";
import type { Actor } from "../identity/model";
import { deregisterEntity, recordEntityChange } from "../identity/entity-lifecycle";
import { applicantUserIds } from "../identity/recipients";
import { notify } from "../notifications/notify";
import { supersedeCertificate } from "../sharing/registry";
import { revokeHolderCertificates } from "../sharing/revoke-certificate";
import type { ChangeItem } from "./model";
import { applyNameEvent, applyNameEventToAll } from "./name-transition";
import { entityLicenceType } from "./lifecycle";
import { enterpriseNames, lifecycleRegistrations } from "./schema";

type LifecycleRow = typeof lifecycleRegistrations.$inferSelect;

const itemWordsZh: Record<ChangeItem, string> = { name: "名称", address: "住所", legalRepresentative: "法定代表人", registeredCapital: "注册资本" };

/** The enterprise's registered names other than `keepId`: released when it takes a new name or closes. */
async function releaseOldNames(tx: Db, row: LifecycleRow, keepId: string | null, actor: Actor | null, now: Date, reason: string) {
  const old = await tx
    .select({ id: enterpriseNames.id, status: enterpriseNames.status, fullName: enterpriseNames.fullName })
    .from(enterpriseNames)
    .where(
      and(
        eq(enterpriseNames.status, "registered"),
        or(eq(enterpriseNames.entityId, row.entityId), eq(enterpriseNames.fullName, row.before.name)),
        keepId ? ne(enterpriseNames.id, keepId) : undefined,
      ),
    )
    .for("update");
  await applyNameEventToAll(tx, old, "release", { actor, now, data: { reason, applicationId: row.applicationId } });
}

/** Market regulation approved a change: the licence re-issued, the entity's record and its name follow. */
async function changeTakesEffect(tx: Db, app: ApplicationRow, row: LifecycleRow, actor: Actor | null, now: Date): Promise<void> {
  const items = row.items;
  const reason = `变更登记换发（${items.map((i) => itemWordsZh[i]).join("、")}），办件编号 ${app.trackingNumber ?? ""}`;
  const licence = await supersedeCertificate(tx, {
    typeCode: await entityLicenceType(tx),
    holderCode: row.creditCode,
    holderName: row.after.name,
    answers: { businessAddress: row.after.businessAddress, registeredCapital: row.after.registeredCapital },
    facts: { legalRepresentative: row.after.legalRepresentative, legalRepresentativeIdNumber: row.after.legalRepresentativeIdNumber },
    sourceApplicationId: app.id,
    issuedOn: shanghaiDate(now),
    reason,
    actor,
    now,
  });
  if (!licence) throw new DomainError("conflict", "errors.requiresCertificate");
  await recordEntityChange(
    tx,
    row.entityId,
    {
      name: items.includes("name") ? row.after.name : undefined,
      legalRepresentative: items.includes("legalRepresentative") ? row.after.legalRepresentative : undefined,
      legalRepresentativeIdNumber: items.includes("legalRepresentative") ? row.after.legalRepresentativeIdNumber : undefined,
    },
    actor,
    now,
    app.id,
  );
  if (row.nameId) {
    const [name] = await tx.select().from(enterpriseNames).where(eq(enterpriseNames.id, row.nameId)).for("update");
    if (!name) throw new Error(`change ${app.id}: reserved name is missing`);
    await applyNameEvent(tx, name, "register", { actor, now, patch: { entityId: row.entityId }, data: { creditCode: row.creditCode }, streamId: app.id });
    await releaseOldNames(tx, row, row.nameId, actor, now, "renamed");
  }
  await notify(tx, {
    kind: "certificateIssued",
    to: { userIds: await applicantUserIds(tx, app, now) },
    applicationId: app.id,
    params: { trackingNumber: app.trackingNumber ?? "", certificate: "营业执照", number: licence.number },
  });
}

/** Market regulation approved a deregistration: every certificate withdrawn, the entity closed, its name released. */
async function deregistrationTakesEffect(tx: Db, app: ApplicationRow, row: LifecycleRow, actor: Actor | null, now: Date): Promise<void> {
  await revokeHolderCertificates(tx, {
    holderCode: row.creditCode,
    reason: `企业已注销登记，办件编号 ${app.trackingNumber ?? ""}`,
    actor,
    now,
    sourceApplicationId: app.id,
  });
  await deregisterEntity(tx, row.entityId, actor, now, app.id);
  await releaseOldNames(tx, row, null, actor, now, "deregistered");
}

/**
 * The life cycle's effect of approvals (wired in src/root/effects.ts, run in the deciding
 * transaction with the application locked, before the fan-in opens the next steps): when market
 * regulation approves a change, the licence is re-issued with the new particulars (the old one
 * superseded) before the departments' steps open, so they read the new licence; each department's
 * approval re-issues its own record with the new particulars. When market regulation approves a
 * deregistration, the enterprise's certificates are revoked and it is marked deregistered.
 * Idempotent: each takes effect once (`effectiveAt`; re-issues once per application and type).
 */
export async function applyLifecycleOnApproval(
  tx: Db,
  app: ApplicationRow,
  approvedStepKeys: ReadonlySet<string>,
  actor: Actor | null,
  now: Date,
): Promise<ApplicationRow> {
  const [row] = await tx.select().from(lifecycleRegistrations).where(eq(lifecycleRegistrations.applicationId, app.id));
  if (!row) return app;
  const marketStep = app.plan.find((s) => s.registersEntity);
  if (!marketStep || !approvedStepKeys.has(marketStep.key)) return app;
  if (!row.effectiveAt) {
    if (row.kind === "change") await changeTakesEffect(tx, app, row, actor, now);
    else await deregistrationTakesEffect(tx, app, row, actor, now);
    await tx.update(lifecycleRegistrations).set({ effectiveAt: now }).where(eq(lifecycleRegistrations.applicationId, app.id));
  }
  if (row.kind === "change") {
    // The departments' records follow the licence, each re-issued by its department once approved.
    for (const step of app.plan) {
      if (step.key === marketStep.key || !step.issuesCertificateType || !approvedStepKeys.has(step.key)) continue;
      await supersedeCertificate(tx, {
        typeCode: step.issuesCertificateType,
        holderCode: row.creditCode,
        holderName: row.after.name,
        answers: { businessAddress: row.after.businessAddress },
        sourceApplicationId: app.id,
        issuedOn: shanghaiDate(now),
        reason: `随营业执照变更换发，办件编号 ${app.trackingNumber ?? ""}`,
        actor,
        now,
      });
    }
  }
  return app;
}

import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { RegionCode } from "@/lib/regions";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { certificateTypes, materials, services } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { ZAddRecognitionInput, type AddRecognitionFormInput, type AddRecognitionInput } from "./inputs";
import { initialRecognitionStatus, type RecognitionAuditAction } from "./model";
import { recognitions } from "./schema";
import { recognitionStream } from "./transition";

/** Where an entry came from: the data office's page, or a province file. */
export type RecognitionSource = "dataOffice" | "provinceFile";

/**
 * The checks every new entry passes, whoever adds it, in the caller's transaction; each refusal
 * names its field: another region (never this node's own), a service of this catalog, a local
 * certificate type the service asks for as a certificate material (the foreign certificate stands
 * for it), and no current entry for the same service, region and foreign type.
 */
export async function checkNewRecognition(tx: Db, input: AddRecognitionInput, ownRegion: RegionCode): Promise<void> {
  if (input.foreignRegion === ownRegion) throw new DomainError("invalidInput", "recognition.errors.ownRegion", { field: "foreignRegion" });
  const [service] = await tx.select({ id: services.id }).from(services).where(eq(services.code, input.serviceCode));
  if (!service) throw new DomainError("invalidInput", "recognition.errors.service", { field: "serviceCode" });
  const [type] = await tx.select({ code: certificateTypes.code }).from(certificateTypes).where(eq(certificateTypes.code, input.localTypeCode));
  if (!type) throw new DomainError("invalidInput", "recognition.errors.localType", { field: "localTypeCode" });
  const [asked] = await tx
    .select({ key: materials.key })
    .from(materials)
    .where(and(eq(materials.serviceId, service.id), eq(materials.certificateType, type.code)))
    .limit(1);
  if (!asked) throw new DomainError("invalidInput", "recognition.errors.localTypeNotAsked", { field: "localTypeCode" });
  const [duplicate] = await tx
    .select({ id: recognitions.id })
    .from(recognitions)
    .where(
      and(
        eq(recognitions.serviceCode, input.serviceCode),
        eq(recognitions.foreignRegion, input.foreignRegion),
        eq(recognitions.foreignTypeCode, input.foreignTypeCode),
        eq(recognitions.status, "active"),
      ),
    );
  if (duplicate) throw new DomainError("invalidInput", "recognition.errors.duplicate", { field: "foreignTypeCode" });
}

/**
 * Inserts a checked entry with its audit event, in the caller's transaction. Two additions of the
 * same entry at once: the partial unique index keeps one, the other is refused as a duplicate.
 */
export async function insertRecognition(
  tx: Db,
  input: AddRecognitionInput,
  actor: Actor | null,
  source: RecognitionSource,
  now: Date,
): Promise<{ id: string }> {
  const id = randomUUID();
  const [row] = await tx
    .insert(recognitions)
    .values({
      id,
      serviceCode: input.serviceCode,
      foreignRegion: input.foreignRegion,
      foreignTypeCode: input.foreignTypeCode,
      foreignTypeNameZh: input.foreignTypeNameZh,
      foreignTypeNameEn: input.foreignTypeNameEn,
      localTypeCode: input.localTypeCode,
      legalBasis: input.legalBasis,
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? null,
      status: initialRecognitionStatus,
      createdBy: actor?.userId ?? null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: recognitions.id });
  if (!row) throw new DomainError("invalidInput", "recognition.errors.duplicate", { field: "foreignTypeCode" });
  await recordAudit<RecognitionAuditAction>(tx, {
    streamId: recognitionStream(id),
    actor: actor ? { userId: actor.userId, role: actor.role } : null,
    action: "recognition.add",
    entityType: "recognition",
    entityId: id,
    to: initialRecognitionStatus,
    data: { ...input, validUntil: input.validUntil ?? null, source },
    at: now,
  });
  return { id };
}

/**
 * The data office adds an entry to this node's recognition matrix. Refused with a field error and
 * nothing written: this node's own region, an unknown service, a local type the service does not
 * ask for, a current entry for the same service, region and foreign type.
 */
export async function addRecognition(db: Db, actor: Actor, raw: AddRecognitionFormInput, context: { region: RegionCode; now?: Date }): Promise<{ id: string }> {
  const input = ZAddRecognitionInput.parse(raw);
  if (actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
  const now = context.now ?? new Date();
  return db.transaction(async (tx) => {
    await checkNewRecognition(tx, input, context.region);
    return insertRecognition(tx, input, actor, "dataOffice", now);
  });
}

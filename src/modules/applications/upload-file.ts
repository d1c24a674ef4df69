import { createHash } from "node:crypto";
import { DomainError } from "@/lib/domain-error";
import { hasForbiddenCharacter } from "@/lib/text";
import type { Db } from "@/server/db/client";
import { principalOf, type Actor } from "../identity/model";
import { uploads } from "./schema";

/** 10 MiB: scans of certificates and plans fit; anything larger is refused before it is stored. */
export const maxUploadBytes = 10 * 1024 * 1024;

const signatures: Array<{ mediaType: string; bytes: number[] }> = [
  { mediaType: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mediaType: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
];

/** The media type from the content's first bytes; the browser's claim is never trusted. */
export function sniffMediaType(content: Uint8Array): string | null {
  return signatures.find((s) => s.bytes.every((b, i) => content[i] === b))?.mediaType ?? null;
}

/**
 * Stores an applicant's file (PDF, PNG or JPEG, at most 10 MiB) with its SHA-256. It belongs to
 * the applicant it is uploaded for (the enterprise or the person), not to whoever uploaded it.
 */
export async function uploadFile(db: Db, actor: Actor, input: { fileName: string; content: Uint8Array }) {
  const principalId = principalOf(actor);
  if (!principalId) throw new DomainError("forbidden", "errors.forbidden");
  if (actor.agency?.scope === "viewOnly") throw new DomainError("forbidden", "applications.errors.outOfMandate");
  if (input.content.byteLength === 0) throw new DomainError("invalidInput", "errors.upload.empty", { field: "file" });
  if (input.content.byteLength > maxUploadBytes) {
    throw new DomainError("invalidInput", "errors.upload.tooLarge", { field: "file", params: { max: "10 MB" } });
  }
  const mediaType = sniffMediaType(input.content);
  if (!mediaType) throw new DomainError("invalidInput", "errors.upload.type", { field: "file" });
  // A control or bidirectional character in a file name is refused, not silently replaced: a
  // right-to-left override makes "invoice\u202Efdp.exe" read as "invoiceexe.pdf".
  if (hasForbiddenCharacter(input.fileName, { singleLine: true })) throw new DomainError("invalidInput", "errors.controlCharacter", { field: "file" });
  // Only the name, never a path: browsers send the base name, anything else may not.
  const fileName = input.fileName.replace(/[\\/]/g, "_").slice(0, 200) || "file";
  const sha256 = createHash("sha256").update(input.content).digest("hex");
  const [row] = await db
    .insert(uploads)
    .values({ ownerUserId: actor.userId, principalId, fileName, mediaType, sizeBytes: input.content.byteLength, sha256, content: Buffer.from(input.content) })
    .returning({ id: uploads.id, fileName: uploads.fileName, mediaType: uploads.mediaType, sizeBytes: uploads.sizeBytes, sha256: uploads.sha256 });
  if (!row) throw new Error("upload not stored");
  return row;
}

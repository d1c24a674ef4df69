import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { holderIdentity } from "../identity/holder";
import { shanghaiDate } from "@/lib/dates";
import type { CertificateField } from "../catalog/model";
import { certificateTypes } from "../catalog/schema";
import { maskIdNumber } from "../identity/id-number";
import type { Actor } from "../identity/model";
import { readCertificates, type HeldCertificate } from "./gate";
import { shownCertificateFields } from "./model";

/**
 * Another person's ID number inside a certificate (the legal representative's on a business
 * licence) binds the licence to them in the registry; the holder's pages show it masked.
 */
function maskOthersIdNumbers(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, k !== "idNumber" && k.endsWith("IdNumber") ? maskIdNumber(v) : v]));
}

function withTypeNames(certs: HeldCertificate[], types: Array<{ code: string; nameZh: string; nameEn: string; fields: CertificateField[] }>) {
  const byCode = new Map(types.map((t) => [t.code, t]));
  return certs.map((c) => ({
    ...c,
    fields: maskOthersIdNumbers(c.fields),
    typeNameZh: byCode.get(c.typeCode)?.nameZh ?? c.typeCode,
    typeNameEn: byCode.get(c.typeCode)?.nameEn ?? c.typeCode,
    /** What the certificate says, labelled and formatted in both languages (its type's printed fields). */
    shown: shownCertificateFields(byCode.get(c.typeCode)?.fields ?? [], maskOthersIdNumbers(c.fields)),
  }));
}

/** The holder's certificates (我的证照), through the gate as the holder's own read. */
export async function listMyCertificates(db: Db, actor: Actor, now: Date = new Date()) {
  const who = await holderIdentity(db, actor);
  const { certificates } = await readCertificates(db, actor, {
    holderCode: who.holderCode,
    all: true,
    purpose: { kind: "own", use: "ownRecord" },
    today: shanghaiDate(now),
  });
  const types = await db
    .select({ code: certificateTypes.code, nameZh: certificateTypes.nameZh, nameEn: certificateTypes.nameEn, fields: certificateTypes.fields })
    .from(certificateTypes);
  return { holder: { kind: who.kind, name: who.name, code: who.holderCode }, certificates: withTypeNames(certificates, types) };
}

/** One certificate of the holder's, for its printable page. */
export async function getMyCertificate(db: Db, actor: Actor, certificateId: string, now: Date = new Date()) {
  const who = await holderIdentity(db, actor);
  const { certificates } = await readCertificates(db, actor, {
    holderCode: who.holderCode,
    certificateIds: [certificateId],
    purpose: { kind: "own", use: "ownRecord" },
    today: shanghaiDate(now),
  });
  const [cert] = certificates;
  if (!cert) throw new DomainError("notFound", "errors.notFound");
  const types = await db
    .select({ code: certificateTypes.code, nameZh: certificateTypes.nameZh, nameEn: certificateTypes.nameEn, fields: certificateTypes.fields })
    .from(certificateTypes)
    .where(eq(certificateTypes.code, cert.typeCode));
  return withTypeNames([cert], types)[0]!;
}

import { desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { applications } from "../applications/schema";
import { certificateTypes } from "../catalog/schema";
import { holderIdentity } from "../identity/holder";
import type { Actor } from "../identity/model";
import { isWithdrawableConsent } from "./model";
import { dataConsents } from "./schema";

/** The signed-in holder's consents (我的授权), newest first: which certificate, for which application, on what basis, and whether still in force. */
export async function listMyConsents(db: Db, actor: Actor) {
  const who = await holderIdentity(db, actor);
  const rows = await db
    .select({
      c: dataConsents,
      typeZh: certificateTypes.nameZh,
      typeEn: certificateTypes.nameEn,
      trackingNumber: applications.trackingNumber,
      titleZh: applications.titleZh,
      titleEn: applications.titleEn,
    })
    .from(dataConsents)
    .leftJoin(certificateTypes, eq(certificateTypes.code, dataConsents.certificateTypeCode))
    .leftJoin(applications, eq(applications.id, dataConsents.applicationId))
    .where(eq(dataConsents.holderCode, who.holderCode))
    .orderBy(desc(dataConsents.givenAt), desc(dataConsents.id))
    .limit(200);
  return rows.map((r) => ({
    id: r.c.id,
    typeCode: r.c.certificateTypeCode,
    typeNameZh: r.typeZh ?? r.c.certificateTypeCode,
    typeNameEn: r.typeEn ?? r.c.certificateTypeCode,
    application: r.trackingNumber ? { trackingNumber: r.trackingNumber, titleZh: r.titleZh ?? "", titleEn: r.titleEn ?? "" } : null,
    basis: r.c.basis,
    givenAt: r.c.givenAt,
    atWindow: r.c.evidenceKind !== null,
    withdrawnAt: r.c.withdrawnAt,
    withdrawable: isWithdrawableConsent(r.c),
  }));
}

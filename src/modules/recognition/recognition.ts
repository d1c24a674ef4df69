// The rule the exchange asks (issue 14): a certificate type of another region outside this node's
// matrix is neither requested nor accepted. Read-only; `today` is a date in China ('YYYY-MM-DD').
import { and, asc, eq, gte, isNull, lte, or } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { recognitions } from "./schema";

/** A foreign certificate type the matrix accepts for a service on a day, and what it stands for. */
export interface RecognisedType {
  entryId: string;
  foreignTypeCode: string;
  foreignTypeNameZh: string;
  foreignTypeNameEn: string;
  /** This region's certificate type the foreign certificate is accepted in place of. */
  localTypeCode: string;
  legalBasis: string;
  validFrom: string;
  validUntil: string | null;
}

/** The entries of (service, region) in force on `today`: the same rule as `isInForce` (model.ts), in SQL. */
function inForce(service: string, region: string, today: string) {
  return and(
    eq(recognitions.serviceCode, service),
    eq(recognitions.foreignRegion, region),
    eq(recognitions.status, "active"),
    lte(recognitions.validFrom, today),
    or(isNull(recognitions.validUntil), gte(recognitions.validUntil, today)),
  );
}

const recognisedColumns = {
  entryId: recognitions.id,
  foreignTypeCode: recognitions.foreignTypeCode,
  foreignTypeNameZh: recognitions.foreignTypeNameZh,
  foreignTypeNameEn: recognitions.foreignTypeNameEn,
  localTypeCode: recognitions.localTypeCode,
  legalBasis: recognitions.legalBasis,
  validFrom: recognitions.validFrom,
  validUntil: recognitions.validUntil,
};

/**
 * The certificate types of `region` this node accepts for `service` on `today`: the only types
 * the exchange may request from that region's node for the service. Empty for this node's own
 * region, an unknown service or region, or a service without entries.
 */
export async function recognisedTypes(db: Db, service: string, region: string, today: string = shanghaiDate(new Date())): Promise<RecognisedType[]> {
  return db
    .select(recognisedColumns)
    .from(recognitions)
    .where(inForce(service, region, today))
    .orderBy(asc(recognitions.foreignTypeCode));
}

/** The entry that accepts a certificate of `certificateType` issued in `region` for `service` on `today`, or null. */
export async function recognitionFor(
  db: Db,
  query: { service: string; region: string; certificateType: string },
  today: string = shanghaiDate(new Date()),
): Promise<RecognisedType | null> {
  const [row] = await db
    .select(recognisedColumns)
    .from(recognitions)
    .where(and(inForce(query.service, query.region, today), eq(recognitions.foreignTypeCode, query.certificateType)))
    .limit(1);
  return row ?? null;
}

/**
 * Whether a certificate of `certificateType` issued in `region` is accepted for `service` on
 * `today`. The exchange refuses to request, and refuses to accept in an answer, any other.
 */
export async function acceptsForeignCertificate(
  db: Db,
  query: { service: string; region: string; certificateType: string },
  today: string = shanghaiDate(new Date()),
): Promise<boolean> {
  return (await recognitionFor(db, query, today)) !== null;
}

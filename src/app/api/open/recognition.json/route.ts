import { listForwardingOpenings } from "@/modules/recognition/forwarding-openings";
import { openRecognitionJson } from "@/modules/recognition/views";
import { getDb } from "@/server/db";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

/**
 * `GET /api/open/recognition.json`: this node's recognition matrix (region, generatedAt, entries):
 * which certificate types of which region it accepts for which service, in place of which of its
 * own, on what legal basis, from when until when; and `forwarding`: which services of which
 * region this node's windows accept on its behalf, or which of its own services it admits
 * forwarded from which region (异地代收代办). Other nodes read it; anyone may.
 */
export async function GET() {
  const db = await getDb();
  const forwarding = (await listForwardingOpenings(db)).map(({ competentRegion, acceptingRegion, serviceCode, nameZh, nameEn, legalBasis, openedAt }) => ({
    competentRegion,
    acceptingRegion,
    serviceCode,
    nameZh,
    nameEn,
    legalBasis,
    openedAt,
  }));
  return Response.json({ ...(await openRecognitionJson(db, env().REGION, new Date())), forwarding }, { headers: { "cache-control": "public, max-age=60" } });
}

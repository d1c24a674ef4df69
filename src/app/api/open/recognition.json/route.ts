import { openRecognitionJson } from "@/modules/recognition/views";
import { getDb } from "@/server/db";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

/**
 * `GET /api/open/recognition.json`: this node's recognition matrix (region, generatedAt, entries):
 * which certificate types of which region it accepts for which service, in place of which of its
 * own, on what legal basis, from when until when. Other nodes read it; anyone may.
 */
export async function GET() {
  return Response.json(await openRecognitionJson(await getDb(), env().REGION, new Date()), { headers: { "cache-control": "public, max-age=60" } });
}

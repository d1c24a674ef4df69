import { publicKeys } from "@/modules/sharing/gate";
import { getDb } from "@/server/db";

/**
 * The departments' published Ed25519 public keys (PEM, SPKI), retired ones included so old
 * certificates stay verifiable. Public, no sign-in; keys change rarely, so caches may keep it.
 */
export async function GET() {
  const keys = await publicKeys(await getDb());
  return Response.json(keys, { headers: { "cache-control": "public, max-age=300" } });
}

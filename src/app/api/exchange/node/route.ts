import { describeNode } from "@/modules/exchange/node";
import { nodeFromEnv } from "@/modules/exchange/from-env";
import { getDb } from "@/server/db";

/**
 * This region node's description for its peers (issue 14): region, endpoints, and its Ed25519
 * exchange keys with their windows (retired ones too). Public, no sign-in; no private key.
 */
export async function GET() {
  const description = await describeNode(await getDb(), nodeFromEnv());
  return Response.json(description, { headers: { "cache-control": "public, max-age=60" } });
}

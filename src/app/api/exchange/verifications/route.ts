import { nodeFromEnv } from "@/modules/exchange/from-env";
import { answerVerificationRequest } from "@/modules/exchange/receive-verification";
import { getDb } from "@/server/db";

const maxBodyBytes = 16 * 1024;

/**
 * A peer node asks this node to verify a certificate number issued here (issue 14): someone
 * opened `/verify/<number>` on that node. No session: the request is signed by the peer's node key
 * and checked (signature, clock, nonce); the answer is the public view and the signed facts,
 * signed by this node. See docs/exchange.md.
 */
export async function POST(request: Request) {
  const length = Number(request.headers.get("content-length") ?? "0");
  const raw = length > maxBodyBytes ? "" : await request.text();
  const answer = await answerVerificationRequest(await getDb(), nodeFromEnv(), raw.length > maxBodyBytes ? "" : raw);
  return new Response(answer.body, { status: answer.status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
}

import { answerCertificateRequest } from "@/modules/exchange/receive";
import { nodeFromEnv } from "@/modules/exchange/from-env";
import { getDb } from "@/server/db";

const maxBodyBytes = 64 * 1024;

/**
 * A peer node asks for a holder's certificates (issue 14). No session: the request is signed by
 * the peer's node key and checked (signature, clock, nonce, grants); a refusal is a signed coded
 * answer with nothing of the holder. See docs/exchange.md.
 */
export async function POST(request: Request) {
  const length = Number(request.headers.get("content-length") ?? "0");
  const raw = length > maxBodyBytes ? "" : await request.text();
  const answer = await answerCertificateRequest(await getDb(), nodeFromEnv(), raw.length > maxBodyBytes ? "" : raw);
  return new Response(answer.body, { status: answer.status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
}

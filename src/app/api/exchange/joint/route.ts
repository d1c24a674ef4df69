import { nodeFromEnv } from "@/modules/exchange/from-env";
import { answerJointMessage } from "@/modules/exchange/joint";
import { nodeJointHandlers } from "@/root/joint";
import { getDb } from "@/server/db";

const maxBodyBytes = 64 * 1024;

/**
 * 多地联办 (issue 14): a peer node opens its part of a joint bundle here (`jointOpen`), or reports
 * what became of a part this node sent it (`jointUpdate`). No session: the message is signed by
 * the peer's node key and checked (signature, clock, nonce); each message id is taken once. The
 * answer is a signed acknowledgement or a coded refusal. See docs/exchange.md.
 */
export async function POST(request: Request) {
  const length = Number(request.headers.get("content-length") ?? "0");
  const raw = length > maxBodyBytes ? "" : await request.text();
  const answer = await answerJointMessage(await getDb(), nodeFromEnv(), raw.length > maxBodyBytes ? "" : raw, nodeJointHandlers);
  return new Response(answer.body, { status: answer.status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
}

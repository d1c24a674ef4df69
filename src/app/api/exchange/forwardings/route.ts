import { answerForwarding } from "@/modules/applications/receive-forwarding";
import { maxForwardingBytes } from "@/modules/exchange/protocol";
import { nodeFromEnv } from "@/modules/exchange/from-env";
import { getDb } from "@/server/db";
import "@/root/effects";

/**
 * 异地代收代办 (issue 14): another region's node forwards an application its window accepted on
 * this node's behalf. No session: the message is signed by the peer's node key and checked
 * (signature, clock, nonce, the service open to forwarding from that region); the answer —
 * accepted with the tracking number, or returned with coded reasons — is signed by this node.
 */
export async function POST(request: Request) {
  const length = Number(request.headers.get("content-length") ?? "0");
  const raw = length > maxForwardingBytes ? "" : await request.text();
  const answer = await answerForwarding(await getDb(), nodeFromEnv(), raw.length > maxForwardingBytes ? "" : raw);
  return new Response(answer.body, { status: answer.status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
}

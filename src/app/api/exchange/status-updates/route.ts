import { answerStatusUpdate } from "@/modules/applications/receive-forwarding";
import { nodeFromEnv } from "@/modules/exchange/from-env";
import { getDb } from "@/server/db";

const maxBodyBytes = 16 * 1024;

/**
 * 异地代收代办 (issue 14): the competent region's node reports the status of an application this
 * node's window forwarded to it. Signed by the peer's node key and checked like every exchange
 * message; applied once (a later sequence wins), acknowledged signed.
 */
export async function POST(request: Request) {
  const length = Number(request.headers.get("content-length") ?? "0");
  const raw = length > maxBodyBytes ? "" : await request.text();
  const answer = await answerStatusUpdate(await getDb(), nodeFromEnv(), raw.length > maxBodyBytes ? "" : raw);
  return new Response(answer.body, { status: answer.status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
}

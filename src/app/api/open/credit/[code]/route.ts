import { ZCreditCodeRef } from "@/modules/credit/inputs";
import { publicCreditProfile } from "@/modules/credit/profile";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/**
 * `GET /api/open/credit/<code>`: an enterprise's credit records inside their publication periods
 * (the public part of its profile). 400 when the path is not a valid credit code, 404 when no
 * enterprise or record has it. No person's record is ever returned.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ code: string }> }) {
  const parsed = ZCreditCodeRef.safeParse({ code: (await params).code });
  if (!parsed.success) return Response.json({ error: "malformed", message: "A unified social credit code has 18 valid characters." }, { status: 400 });
  const profile = await publicCreditProfile(await getDb(), parsed.data.code);
  if (!profile) return Response.json({ error: "notFound", message: "No enterprise with this credit code." }, { status: 404 });
  return Response.json(profile, { headers: { "cache-control": "public, max-age=300" } });
}

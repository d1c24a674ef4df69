import { explainCreditCode, isWellFormedCodeSegment } from "@/modules/identity/explain-credit-code";

/**
 * Public credit-code checker, no sign-in: `valid`, every failed check and the decoded parts.
 * An invalid code is still a successful answer (200); a path that cannot be a code is 400.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!isWellFormedCodeSegment(code)) {
    return Response.json({ error: "malformed", message: "A credit code has 18 letters and digits." }, { status: 400 });
  }
  return Response.json(explainCreditCode(code), { headers: { "cache-control": "public, max-age=86400" } });
}

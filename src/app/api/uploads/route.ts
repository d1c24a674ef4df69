import { cookies } from "next/headers";
import { isDomainError } from "@/lib/domain-error";
import { localeCookie, resolveLocale } from "@/i18n/locales";
import { translateServerMessage } from "@/i18n/messages";
import { maxUploadBytes, uploadFile } from "@/modules/applications/upload-file";
import { currentActor } from "@/server/auth/actor";
import { getDb } from "@/server/db";
import { BodyTooLargeError, readBodyWithin } from "@/server/http-body";

export const dynamic = "force-dynamic";

/** Multipart upload of one file (field `file`) by a signed-in applicant. */
export async function POST(req: Request) {
  const locale = resolveLocale((await cookies()).get(localeCookie)?.value);
  const fail = (status: number, key: string, params?: Record<string, string>) =>
    Response.json({ error: translateServerMessage(locale, params ? `${key}|${JSON.stringify(params)}` : key) }, { status });
  const actor = await currentActor();
  if (!actor) return fail(401, "errors.unauthorized");
  if (actor.role !== "enterprise" && actor.role !== "citizen") return fail(403, "errors.forbidden");
  // Read the body counting bytes, and stop the moment it passes the file limit and its multipart
  // envelope: a chunked upload has no Content-Length to refuse it by. Then parse the bounded copy.
  let body: Uint8Array;
  try {
    body = await readBodyWithin(req, maxUploadBytes + 64 * 1024);
  } catch (e) {
    if (e instanceof BodyTooLargeError) return fail(413, "errors.upload.tooLarge", { max: "10 MB" });
    throw e;
  }
  let file: FormDataEntryValue | null;
  try {
    file = (await new Request(req.url, { method: "POST", headers: req.headers, body: Buffer.from(body) }).formData()).get("file");
  } catch {
    return fail(400, "errors.upload.empty");
  }
  if (!(file instanceof File)) return fail(400, "errors.upload.empty");
  try {
    const stored = await uploadFile(await getDb(), actor, { fileName: file.name, content: new Uint8Array(await file.arrayBuffer()) });
    return Response.json(stored, { status: 201 });
  } catch (e) {
    if (isDomainError(e)) {
      const error = translateServerMessage(locale, e.message);
      return Response.json({ error, fieldErrors: e.field ? { [e.field]: [error] } : null }, { status: e.code === "invalidInput" ? 400 : 403 });
    }
    throw e;
  }
}

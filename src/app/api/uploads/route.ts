import { cookies } from "next/headers";
import { isDomainError } from "@/lib/domain-error";
import { localeCookie, resolveLocale } from "@/i18n/locales";
import { translateServerMessage } from "@/i18n/messages";
import { maxUploadBytes, uploadFile } from "@/modules/applications/upload-file";
import { currentActor } from "@/server/auth/actor";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** Multipart upload of one file (field `file`) by a signed-in applicant. */
export async function POST(req: Request) {
  const locale = resolveLocale((await cookies()).get(localeCookie)?.value);
  const fail = (status: number, key: string, params?: Record<string, string>) =>
    Response.json({ error: translateServerMessage(locale, params ? `${key}|${JSON.stringify(params)}` : key) }, { status });
  const actor = await currentActor();
  if (!actor) return fail(401, "errors.unauthorized");
  if (actor.role !== "enterprise" && actor.role !== "citizen") return fail(403, "errors.forbidden");
  // Refuse early on the declared length; the stored size is checked again on the bytes.
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxUploadBytes + 64 * 1024) return fail(413, "errors.upload.tooLarge", { max: "10 MB" });
  let file: FormDataEntryValue | null;
  try {
    file = (await req.formData()).get("file");
  } catch {
    return fail(400, "errors.upload.empty");
  }
  if (!(file instanceof File)) return fail(400, "errors.upload.empty");
  try {
    const stored = await uploadFile(await getDb(), actor, { fileName: file.name, content: new Uint8Array(await file.arrayBuffer()) });
    return Response.json(stored, { status: 201 });
  } catch (e) {
    if (isDomainError(e)) return Response.json({ error: translateServerMessage(locale, e.message) }, { status: e.code === "invalidInput" ? 400 : 403 });
    throw e;
  }
}

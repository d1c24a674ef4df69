import { isDomainError } from "@/lib/domain-error";
import { readUpload } from "@/modules/applications/read-upload";
import { currentActor } from "@/server/auth/actor";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/** Downloads an uploaded file, for those who may see it (see readUpload). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor) return new Response("Unauthorized", { status: 401 });
  if (!/^[0-9a-f-]{36}$/.test(id)) return new Response("Not found", { status: 404 });
  try {
    const file = await readUpload(await getDb(), actor, id);
    return new Response(new Uint8Array(file.content), {
      headers: {
        "content-type": file.mediaType,
        "content-length": String(file.sizeBytes),
        // The sniffed type only, never rendered as anything else, and downloaded with its name.
        "x-content-type-options": "nosniff",
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "cache-control": "private, no-store",
      },
    });
  } catch (e) {
    if (isDomainError(e)) return new Response("Not found", { status: 404 });
    throw e;
  }
}

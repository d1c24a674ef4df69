import { openServiceIndex } from "../open-service-index";

export const dynamic = "force-dynamic";

/** `GET /api/open/service-index.json` (see open-service-index.ts). */
export function GET(req: Request) {
  return openServiceIndex(req, "json");
}

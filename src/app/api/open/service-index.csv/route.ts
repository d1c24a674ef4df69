import { openServiceIndex } from "../open-service-index";

export const dynamic = "force-dynamic";

/** `GET /api/open/service-index.csv` (see open-service-index.ts). */
export function GET(req: Request) {
  return openServiceIndex(req, "csv");
}

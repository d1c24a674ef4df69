import { openDisclosures } from "../open-disclosures";

export const dynamic = "force-dynamic";

/** `GET /api/open/disclosures.json`: published licensing decisions, paged (see open-disclosures.ts). */
export function GET(req: Request) {
  return openDisclosures(req, "json");
}

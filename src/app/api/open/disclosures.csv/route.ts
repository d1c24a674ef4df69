import { openDisclosures } from "../open-disclosures";

export const dynamic = "force-dynamic";

/** `GET /api/open/disclosures.csv`: published licensing decisions, paged, as a CSV download (see open-disclosures.ts). */
export function GET(req: Request) {
  return openDisclosures(req, "csv");
}

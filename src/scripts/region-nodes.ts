import path from "node:path";
import { regionCodes, regions, type RegionCode } from "@/lib/regions";

/** One demo node of `npm run start:regions`: a region on its own port and embedded database. */
export interface RegionNode {
  region: RegionCode;
  nameZh: string;
  nameEn: string;
  port: number;
  url: string;
  /** Its embedded database (PGlite): `<dataRoot>/<region>`, locked per folder. */
  dataDir: string;
  /** The other nodes, as the exchange reads them: `beijing=http://…,tianjin=http://…`. */
  peers: string;
}

/**
 * The three nodes of 京津冀 on one machine: Hebei, Beijing and Tianjin on consecutive ports from
 * `basePort` (3000, 3001, 3002 by default), each with its own data folder under `dataRoot`, and
 * each configured with the other two as its peers. Pure.
 */
export function regionNodes(basePort = 3000, dataRoot = path.join(".data", "regions"), host = "localhost"): RegionNode[] {
  const nodes = regionCodes.map((region, i) => ({
    region,
    nameZh: regions[region].nameZh,
    nameEn: regions[region].nameEn,
    port: basePort + i,
    url: `http://${host}:${basePort + i}`,
    dataDir: path.join(dataRoot, region),
  }));
  return nodes.map((n) => ({
    ...n,
    peers: nodes
      .filter((o) => o.region !== n.region)
      .map((o) => `${o.region}=${o.url}`)
      .join(","),
  }));
}

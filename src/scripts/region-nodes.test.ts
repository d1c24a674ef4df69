import path from "node:path";
import { describe, expect, it } from "vitest";
import { regionNodes } from "./region-nodes";

describe("the nodes of npm run start:regions", () => {
  it("are Hebei, Beijing and Tianjin on 3000–3002, each in its own data folder, each with the other two as peers", () => {
    const nodes = regionNodes();
    expect(nodes.map((n) => [n.region, n.port, n.url, n.dataDir])).toEqual([
      ["hebei", 3000, "http://localhost:3000", path.join(".data", "regions", "hebei")],
      ["beijing", 3001, "http://localhost:3001", path.join(".data", "regions", "beijing")],
      ["tianjin", 3002, "http://localhost:3002", path.join(".data", "regions", "tianjin")],
    ]);
    expect(nodes.map((n) => n.peers)).toEqual([
      "beijing=http://localhost:3001,tianjin=http://localhost:3002",
      "hebei=http://localhost:3000,tianjin=http://localhost:3002",
      "hebei=http://localhost:3000,beijing=http://localhost:3001",
    ]);
    expect(new Set(nodes.map((n) => n.dataDir)).size).toBe(3);
  });

  it("move together with the base port and data folder", () => {
    const nodes = regionNodes(3184, "/tmp/r", "127.0.0.1");
    expect(nodes.map((n) => n.port)).toEqual([3184, 3185, 3186]);
    expect(nodes[1]).toMatchObject({ dataDir: "/tmp/r/beijing", peers: "hebei=http://127.0.0.1:3184,tianjin=http://127.0.0.1:3186" });
  });
});

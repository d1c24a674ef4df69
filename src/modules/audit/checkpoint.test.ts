import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { publicKeyId } from "@/server/keys";
import { checkCheckpoint, exportCheckpoint, headsDigest, signCheckpoint, ZExportedCheckpoint } from "./checkpoint";

const pair = generateKeyPairSync("ed25519");
const key = { privateKey: pair.privateKey, keyId: publicKeyId(pair.publicKey) };
const heads = [
  { streamId: "b", seq: 7, hash: "h7" },
  { streamId: "a", seq: 3, hash: "h3" },
];
const unsigned = {
  number: 2,
  at: new Date("2026-03-02T01:00:00.000Z"),
  lastEventSeq: 9,
  events: 9,
  streams: 2,
  heads,
  headsDigest: headsDigest(heads),
  prevHash: "p",
};

describe("checkpoint signatures", () => {
  it("digests the heads in stream order, whatever order they come in", () => {
    expect(headsDigest([...heads].reverse())).toBe(headsDigest(heads));
    expect(headsDigest([heads[0]!, { ...heads[1]!, hash: "other" }])).not.toBe(headsDigest(heads));
  });

  it("verifies under its key and fails when any signed fact changes or under another key", () => {
    const c = signCheckpoint(unsigned, key);
    expect(checkCheckpoint(c, pair.publicKey)).toEqual({ hashOk: true, signatureOk: true });
    for (const changed of [{ events: 8 }, { lastEventSeq: 8 }, { prevHash: null }, { heads: heads.slice(1) }, { at: new Date(0) }, { number: 3 }]) {
      const result = checkCheckpoint({ ...c, ...changed }, pair.publicKey);
      expect(result.signatureOk).toBe(false);
      expect(result.hashOk).toBe(false);
    }
    expect(checkCheckpoint(c, generateKeyPairSync("ed25519").publicKey).signatureOk).toBe(false);
    expect(checkCheckpoint({ ...c, signature: "not base64" }, pair.publicKey).signatureOk).toBe(false);
  });

  it("exports a file that reads back as it was signed", () => {
    const c = signCheckpoint(unsigned, key);
    const file = ZExportedCheckpoint.parse(JSON.parse(JSON.stringify(exportCheckpoint(c, heads, "PEM"))));
    expect(checkCheckpoint(file.checkpoint, pair.publicKey)).toEqual({ hashOk: true, signatureOk: true });
    expect(file.allHeads.map((x) => x.streamId)).toEqual(["a", "b"]);
  });

  it("refuses an exported file with an oversized field, naming where", () => {
    const exported = JSON.parse(JSON.stringify(exportCheckpoint(signCheckpoint(unsigned, key), heads, "PEM"))) as {
      allHeads: Array<{ streamId: string }>;
      publicKey: string;
    };
    exported.allHeads[0]!.streamId = "s".repeat(201);
    exported.publicKey = "k".repeat(2001);
    const result = ZExportedCheckpoint.safeParse(exported);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["allHeads.0.streamId", "publicKey"]);
  });
});

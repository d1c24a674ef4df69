import { generateKeyPairSync, randomBytes, randomUUID, sign } from "node:crypto";
import { expect, test } from "@playwright/test";
import { canonicalJson } from "../src/modules/audit/hash";

// The exchange between region nodes (issue 14) at the HTTP edge of the production build: the node
// publishes its keys, and a peer's request — no cookie, no Origin — reaches the checks and gets a
// signed, coded refusal with nothing of the holder. The two-node protocol itself is tested in
// src/modules/exchange/two-nodes.db.test.ts.

test("the node publishes its region and exchange keys, and no private key", async ({ request }) => {
  const res = await request.get("/api/exchange/node");
  expect(res.ok()).toBe(true);
  const text = await res.text();
  const node = JSON.parse(text) as {
    region: string;
    endpoints: { certificates: string };
    keys: Array<{ keyId: string; algorithm: string; retiredAt: string | null }>;
  };
  expect(node.region).toBe("hebei");
  expect(node.endpoints.certificates).toMatch(/\/api\/exchange\/certificates$/);
  expect(node.keys.at(-1)).toMatchObject({ algorithm: "Ed25519", retiredAt: null });
  expect(text).not.toMatch(/PRIVATE|sealed/i);
});

test("a request that is not a signed message, or comes from no peer, is refused with a code and nothing else", async ({ request }) => {
  const node = (await (await request.get("/api/exchange/node")).json()) as { keys: Array<{ keyId: string }> };
  const garbage = await request.post("/api/exchange/certificates", { data: "hello", headers: { "content-type": "application/json" } });
  expect(garbage.status()).toBe(400);
  const refusal = (await garbage.json()) as { keyId: string; payload: Record<string, unknown> };
  expect(refusal.payload).toMatchObject({ kind: "refusal", code: "malformed", from: "hebei", inReplyTo: null });
  expect(refusal.keyId).toBe(node.keys.at(-1)!.keyId);
  // The verification endpoint too is reached by a peer's signed message, with no Origin: refused by its own checks, not the cross-site one.
  const garbageVerification = await request.post("/api/exchange/verifications", { data: "hello", headers: { "content-type": "application/json" } });
  expect(garbageVerification.status()).toBe(400);
  expect(((await garbageVerification.json()) as { payload: Record<string, unknown> }).payload).toMatchObject({ kind: "refusal", code: "malformed" });

  // A well-formed request signed by a node this one does not know (no PEERS configured here).
  const { privateKey } = generateKeyPairSync("ed25519");
  const keyId = randomUUID();
  const payload = {
    v: 1,
    kind: "certificateRequest",
    from: { region: "beijing", department: "market" },
    to: "hebei",
    service: "foodBusinessLicensing",
    application: "TBE2E0001",
    purpose: "食品经营许可审查：核对营业执照",
    legalBasis: "《食品经营许可和备案管理办法》第十五条",
    consent: "consent:e2e",
    holder: "91130602MA0TB002XR",
    types: ["businessLicence"],
    timestamp: new Date().toISOString(),
    nonce: randomBytes(18).toString("base64url"),
  };
  const signature = sign(null, Buffer.from(canonicalJson({ keyId, payload }), "utf8"), privateKey).toString("base64");
  const stranger = await request.post("/api/exchange/certificates", {
    data: canonicalJson({ keyId, payload, signature }),
    headers: { "content-type": "application/json" },
  });
  expect(stranger.status()).toBe(401);
  const body = await stranger.text();
  expect(JSON.parse(body)).toMatchObject({ payload: { kind: "refusal", code: "unknownPeer", inReplyTo: payload.nonce } });
  expect(body).not.toContain("certificates");
});

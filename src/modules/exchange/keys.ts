import { createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { open, seal } from "@/server/envelope";
import { keyEncryptionKey, type KeyEncryptionKey } from "@/server/keys";
import { recordAudit } from "../audit/record-audit";
import type { ExchangeAuditAction } from "./model";
import { signEnvelope, type Envelope, type Payload, type PublishedKey } from "./protocol";
import { exchangeNodeKeys } from "./schema";

// The node's exchange keys: made on first use, sealed like the departments' signing keys
// (sharing/registry.ts), rotated with a window, published with their windows. Only this file
// selects a sealed private key, and it never hands the key out.

const keyContext = (keyId: string) => `exchange_node_keys:${keyId}`;

function newKeyRow(region: string, validFrom: Date, kek: KeyEncryptionKey) {
  const id = randomUUID();
  const pair = generateKeyPairSync("ed25519");
  const der = pair.privateKey.export({ type: "pkcs8", format: "der" });
  try {
    const sealed = seal(der, kek, keyContext(id));
    return {
      id,
      region,
      publicKey: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
      sealedPrivateKey: sealed.ciphertext,
      privateKeyNonce: sealed.nonce,
      privateKeyTag: sealed.tag,
      wrappedDataKey: sealed.wrappedKey,
      kekId: sealed.kekId,
      validFrom,
    };
  } finally {
    der.fill(0);
  }
}

interface NodeSigner {
  keyId: string;
  privateKey: KeyObject;
}

/** The node's active exchange key for its region, made on first use. */
async function activeKey(db: Db, region: string, now: Date, kek: KeyEncryptionKey = keyEncryptionKey()): Promise<NodeSigner> {
  const find = () =>
    db
      .select()
      .from(exchangeNodeKeys)
      .where(and(eq(exchangeNodeKeys.region, region), isNull(exchangeNodeKeys.retiredAt)));
  let [row] = await find();
  if (!row) {
    await db
      .insert(exchangeNodeKeys)
      .values(newKeyRow(region, now, kek))
      .onConflictDoNothing();
    [row] = await find();
  }
  if (!row?.sealedPrivateKey || !row.privateKeyNonce || !row.privateKeyTag || !row.wrappedDataKey || !row.kekId) {
    throw new Error(`no usable exchange key for region ${region}`);
  }
  const der = open(
    { ciphertext: row.sealedPrivateKey, nonce: row.privateKeyNonce, tag: row.privateKeyTag, wrappedKey: row.wrappedDataKey, kekId: row.kekId },
    kek,
    keyContext(row.id),
  );
  try {
    return { keyId: row.id, privateKey: createPrivateKey({ key: der, format: "der", type: "pkcs8" }) };
  } finally {
    der.fill(0);
  }
}

/** Signs a message as this node with its active key (made on first use); the private key stays inside. */
export async function signAsNode<P extends Payload>(db: Db, region: string, now: Date, payload: P): Promise<Envelope<P>> {
  const key = await activeKey(db, region, now);
  return signEnvelope(key.privateKey, key.keyId, payload);
}

/** Makes the node's key if it has none (a new node publishes one at once). */
export async function ensureNodeKey(db: Db, region: string, now: Date): Promise<void> {
  await activeKey(db, region, now);
}

/**
 * Rotates the node's exchange key (one transaction, audited on the `keys` stream): the active key
 * retires at `now` and its private half is destroyed; the new key is valid from the same moment.
 * Peers keep verifying what the old key signed inside its window.
 */
export async function rotateNodeKey(db: Db, region: string, now: Date, actor: { userId: string; role: string } | null = null) {
  return db.transaction(async (tx) => {
    const [active] = await tx
      .select({ id: exchangeNodeKeys.id, validFrom: exchangeNodeKeys.validFrom })
      .from(exchangeNodeKeys)
      .where(and(eq(exchangeNodeKeys.region, region), isNull(exchangeNodeKeys.retiredAt)))
      .for("update");
    const switchAt = active && active.validFrom.getTime() > now.getTime() ? active.validFrom : now;
    if (active) {
      await tx
        .update(exchangeNodeKeys)
        .set({ retiredAt: switchAt, sealedPrivateKey: null, privateKeyNonce: null, privateKeyTag: null, wrappedDataKey: null })
        .where(and(eq(exchangeNodeKeys.id, active.id), isNull(exchangeNodeKeys.retiredAt)));
    }
    const row = newKeyRow(region, switchAt, keyEncryptionKey());
    await tx.insert(exchangeNodeKeys).values(row);
    await recordAudit<ExchangeAuditAction>(tx, {
      streamId: "keys",
      actor,
      action: "exchangeKey.rotate",
      entityType: "exchangeKey",
      entityId: row.id,
      from: active?.id ?? null,
      to: row.id,
      data: { region, retiredKeyId: active?.id ?? null, validFrom: switchAt },
      at: now,
    });
    return { keyId: row.id, retiredKeyId: active?.id ?? null, validFrom: switchAt };
  });
}

/** The node's published keys with their windows, retired ones included; never a private key. */
export async function publishedKeys(db: Db, region: string): Promise<PublishedKey[]> {
  const rows = await db
    .select({ keyId: exchangeNodeKeys.id, publicKey: exchangeNodeKeys.publicKey, validFrom: exchangeNodeKeys.validFrom, retiredAt: exchangeNodeKeys.retiredAt })
    .from(exchangeNodeKeys)
    .where(eq(exchangeNodeKeys.region, region))
    .orderBy(asc(exchangeNodeKeys.validFrom), asc(exchangeNodeKeys.createdAt));
  return rows.map((r) => ({
    keyId: r.keyId,
    algorithm: "Ed25519" as const,
    publicKey: r.publicKey,
    validFrom: r.validFrom.toISOString(),
    retiredAt: r.retiredAt?.toISOString() ?? null,
  }));
}

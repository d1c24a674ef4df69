import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "./env";

// Key material that must not sit in the database it protects: whoever can write the database
// must not also be able to recompute the audit chain, sign a checkpoint or read a department's
// signing key. Each comes from the environment or, for a local install, from a file generated
// once into the ignored `.data/` folder (0600), like the Auth.js secret (src/scripts/local-secret.ts).
// Several nodes must share the same keys: set them in the environment there.

/** Where a local key file lives. */
export function localKeyFile(name: "audit-key" | "audit-signing-key" | "audit-signing-key.pub" | "kek", root = process.cwd()): string {
  return path.join(root, ".data", name);
}

export class MissingKeyError extends Error {}

/**
 * The content of a local key file, made by `make` when the file does not exist yet (and
 * `create`). Never overwritten: a key replaced by a new one would make everything it protected
 * unverifiable or unreadable, so an unreadable file is an error, not a reason to start afresh.
 * `wx` makes a second process that lost the race read the winner's key.
 */
export function readOrCreateKeyFile(file: string, create: boolean, make: () => string, what: string): string {
  if (!existsSync(file)) {
    if (!create) throw new MissingKeyError(`${what}: not set in the environment and ${path.relative(process.cwd(), file)} does not exist`);
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, `${make()}\n`, { mode: 0o600, flag: "wx" });
      // On a shared PostgreSQL every node must hold the same key: one made here is this node's only.
      if (process.env.DATABASE_URL)
        console.warn(`${what} was not set: generated ${path.relative(process.cwd(), file)}. With several nodes, set ${what} on every node instead.`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const text = readFileSync(file, "utf8").trim();
  if (!text) throw new Error(`${what}: ${path.relative(process.cwd(), file)} is empty; restore it from a backup`);
  return text;
}

const cache = new Map<string, unknown>();
function cached<T>(name: string, load: () => T): T {
  if (!cache.has(name)) cache.set(name, load());
  return cache.get(name) as T;
}

/**
 * The audit chain's HMAC-SHA256 key (the UTF-8 bytes of `AUDIT_KEY`, or of the generated file).
 * `create: false` for tools that only verify: a new key would not verify anything.
 */
export function auditKey(options: { create?: boolean } = {}): Buffer {
  const create = options.create ?? true;
  const load = () => {
    const fromEnv = env().AUDIT_KEY;
    const text = fromEnv ?? readOrCreateKeyFile(localKeyFile("audit-key"), create, () => randomBytes(32).toString("base64url"), "AUDIT_KEY");
    if (text.length < 32) throw new Error("AUDIT_KEY: the key file holds fewer than 32 characters");
    return Buffer.from(text, "utf8");
  };
  return create ? cached("audit-key", load) : load();
}

/** An Ed25519 key pair, with the public key's id (the first 16 hex digits of SHA-256 over its DER). */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
}

export function publicKeyId(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== "ed25519") throw new Error("not an Ed25519 public key");
  return key;
}

function parsePrivateKey(text: string): KeyObject {
  return text.includes("-----BEGIN") ? createPrivateKey(text) : createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
}

/**
 * The key that signs audit checkpoints (`AUDIT_SIGNING_KEY` or `.data/audit-signing-key`). When
 * it is generated, its public key is written beside it (`.pub`) so a verifier can be given it.
 */
export function auditSigningKey(options: { create?: boolean } = {}): SigningKey {
  const create = options.create ?? true;
  const load = (): SigningKey => {
    const file = localKeyFile("audit-signing-key");
    const text =
      env().AUDIT_SIGNING_KEY ??
      readOrCreateKeyFile(
        file,
        create,
        () => generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString().trim(),
        "AUDIT_SIGNING_KEY",
      );
    const privateKey = parsePrivateKey(text);
    if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("AUDIT_SIGNING_KEY is not an Ed25519 key");
    const publicKey = createPublicKey(privateKey);
    const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
    if (!env().AUDIT_SIGNING_KEY && !existsSync(`${file}.pub`)) writeFileSync(`${file}.pub`, publicKeyPem, { mode: 0o644 });
    return { privateKey, publicKey, publicKeyPem, keyId: publicKeyId(publicKey) };
  };
  return create ? cached("audit-signing-key", load) : load();
}

/** A key-encryption key: 32 bytes for AES-256-GCM, and an id stored beside what it wraps. */
export interface KeyEncryptionKey {
  id: string;
  key: Buffer;
}

/** The id of a KEK: derived from it (one-way), so rows name their KEK without revealing it. */
export function kekId(key: Buffer): string {
  return `kek-${createHash("sha256").update("tongban key-encryption key id\0").update(key).digest("hex").slice(0, 16)}`;
}

/** The key-encryption key for the departments' signing keys (`KEY_ENCRYPTION_KEY` or `.data/kek`). */
export function keyEncryptionKey(options: { create?: boolean } = {}): KeyEncryptionKey {
  const create = options.create ?? true;
  const load = (): KeyEncryptionKey => {
    const text = env().KEY_ENCRYPTION_KEY ?? readOrCreateKeyFile(localKeyFile("kek"), create, () => randomBytes(32).toString("base64"), "KEY_ENCRYPTION_KEY");
    const key = Buffer.from(text, "base64");
    if (key.length !== 32) throw new Error("KEY_ENCRYPTION_KEY: the key file does not hold 32 bytes in base64");
    return { id: kekId(key), key };
  };
  return create ? cached("kek", load) : load();
}

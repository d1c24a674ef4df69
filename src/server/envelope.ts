import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { KeyEncryptionKey } from "./keys";

/**
 * A secret under envelope encryption: encrypted (AES-256-GCM) with its own random data key, the
 * data key wrapped (AES-256-GCM) with a key-encryption key (KEK) held outside the database. All
 * base64. `kekId` names the KEK, so one can be rotated by re-wrapping the data keys alone.
 */
export interface Sealed {
  ciphertext: string;
  nonce: string;
  tag: string;
  /** The data key under the KEK: nonce (12 bytes), tag (16), ciphertext (32). */
  wrappedKey: string;
  kekId: string;
}

export class EnvelopeError extends Error {}

function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer) {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

function gcmDecrypt(key: Buffer, nonce: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/**
 * Seals `plaintext`. `context` (e.g. the row's id) is bound to both layers as associated data, so
 * a sealed value copied onto another row does not open there.
 */
export function seal(plaintext: Buffer, kek: KeyEncryptionKey, context: string): Sealed {
  const dataKey = randomBytes(32);
  try {
    const inner = gcmEncrypt(dataKey, plaintext, Buffer.from(`data\0${context}`, "utf8"));
    const outer = gcmEncrypt(kek.key, dataKey, Buffer.from(`wrap\0${kek.id}\0${context}`, "utf8"));
    return {
      ciphertext: inner.ciphertext.toString("base64"),
      nonce: inner.nonce.toString("base64"),
      tag: inner.tag.toString("base64"),
      wrappedKey: Buffer.concat([outer.nonce, outer.tag, outer.ciphertext]).toString("base64"),
      kekId: kek.id,
    };
  } finally {
    dataKey.fill(0);
  }
}

/** Opens a sealed value; throws `EnvelopeError` for an unknown KEK, a wrong one, or tampered bytes. */
export function open(sealed: Sealed, keks: KeyEncryptionKey | readonly KeyEncryptionKey[], context: string): Buffer {
  const kek = (Array.isArray(keks) ? keks : [keks]).find((k: KeyEncryptionKey) => k.id === sealed.kekId);
  if (!kek) throw new EnvelopeError(`sealed under key-encryption key ${sealed.kekId}, which is not configured`);
  const wrapped = Buffer.from(sealed.wrappedKey, "base64");
  let dataKey: Buffer | undefined;
  try {
    dataKey = gcmDecrypt(kek.key, wrapped.subarray(0, 12), wrapped.subarray(28), wrapped.subarray(12, 28), Buffer.from(`wrap\0${kek.id}\0${context}`, "utf8"));
    return gcmDecrypt(
      dataKey,
      Buffer.from(sealed.nonce, "base64"),
      Buffer.from(sealed.ciphertext, "base64"),
      Buffer.from(sealed.tag, "base64"),
      Buffer.from(`data\0${context}`, "utf8"),
    );
  } catch {
    // GCM says only "unable to authenticate": a wrong KEK, another row's value, or changed bytes.
    throw new EnvelopeError(`cannot open the sealed value (wrong key-encryption key ${sealed.kekId}, or tampered)`);
  } finally {
    dataKey?.fill(0);
  }
}

/**
 * Validation and domain messages travel as message keys (with optional parameters) so the server
 * and the browser can both show them in the reader's language. Encoded as `key` or
 * `key|{"param":"value"}` because zod and tRPC carry messages as plain strings.
 */
export type MessageParams = Record<string, string | number>;

export function msg(key: string, params?: MessageParams): string {
  return params && Object.keys(params).length > 0 ? `${key}|${JSON.stringify(params)}` : key;
}

export function parseMessage(encoded: string): { key: string; params: MessageParams } {
  const bar = encoded.indexOf("|");
  if (bar < 0) return { key: encoded, params: {} };
  try {
    return { key: encoded.slice(0, bar), params: JSON.parse(encoded.slice(bar + 1)) as MessageParams };
  } catch {
    return { key: encoded, params: {} };
  }
}

/**
 * A parameter that is itself a message key (`@` and the key), e.g. a status shown in the
 * reader's language; where the key is unknown its last segment is shown.
 */
export function keyParam(key: string): string {
  return `@${key}`;
}

/** Translates an encoded message; text that is not a known key is shown as it is. */
export function translateMessage(t: { (key: string, params?: MessageParams): string; has: (key: string) => boolean }, encoded: string): string {
  const { key, params } = parseMessage(encoded);
  if (!t.has(key)) return encoded;
  const resolved = Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (typeof value !== "string" || !value.startsWith("@")) return [name, value];
      const inner = value.slice(1);
      return [name, t.has(inner) ? t(inner) : (inner.split(".").at(-1) ?? inner)];
    }),
  );
  return t(key, resolved);
}

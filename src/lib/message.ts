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

/** Translates an encoded message; text that is not a known key is shown as it is. */
export function translateMessage(
  t: { (key: string, params?: MessageParams): string; has: (key: string) => boolean },
  encoded: string,
): string {
  const { key, params } = parseMessage(encoded);
  return t.has(key) ? t(key, params) : encoded;
}

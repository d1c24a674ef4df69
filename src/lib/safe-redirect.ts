import { hasForbiddenCharacter } from "./text";

// Any base will do: only whether the parsed URL stays on it matters.
const base = "http://tongban.invalid";

/**
 * A redirect target taken from the request (`callbackUrl`, `redirectTo`) is used only when it is
 * a path on this portal: parsed the way the browser will parse it, it must keep this origin.
 * Refused: other hosts and schemes (`https://…`, `//host`, `javascript:`), backslashes (browsers
 * read `/\host` as `//host`), control and bidirectional characters (a tab or newline inside
 * `/\t/evil.host` is dropped by the URL parser, leaving `//evil.host`), and encoded forms of
 * these, decoded once, since the callback URL is itself decoded again by whoever follows it.
 */
export function safeCallbackPath(value: string | null | undefined, fallback = "/me"): string {
  if (!value || value.length > 2048 || !value.startsWith("/")) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return fallback;
  }
  for (const candidate of [value, decoded]) {
    if (candidate.includes("\\") || hasForbiddenCharacter(candidate, { singleLine: true }) || /^\/[\s/]/.test(candidate)) return fallback;
  }
  let parsed: URL;
  try {
    parsed = new URL(value, base);
  } catch {
    return fallback;
  }
  if (parsed.origin !== base) return fallback;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** Only same-site paths may be redirect targets: `/x` yes, `//host` and `https://…` no. */
export function safeCallbackPath(value: string | null | undefined, fallback = "/me"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

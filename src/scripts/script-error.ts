/**
 * A script's failure as one line fit to print: a database error's own message, never the query
 * and parameters Drizzle wraps around it (they may carry personal numbers and hashes).
 */
export function scriptError(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error && error.message.startsWith("Failed query")) return cause.message;
  return error.message.split("\n")[0] ?? "unknown error";
}

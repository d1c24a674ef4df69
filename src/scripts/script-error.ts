import { DatabaseInUseError } from "@/server/db/lock";

/**
 * A script's failure as one line fit to print: a database error's own message, never the query
 * and parameters Drizzle wraps around it (they may carry personal numbers and hashes).
 */
export function scriptError(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  // Says who holds the data folder and what to do, over two lines, and carries nothing personal.
  if (error instanceof DatabaseInUseError) return error.message;
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error && error.message.startsWith("Failed query")) return cause.message;
  return error.message.split("\n")[0] ?? "unknown error";
}

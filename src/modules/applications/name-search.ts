import { and, ilike, sql, type SQL } from "drizzle-orm";
import { applications } from "./schema";

/** `%`, `_` and `\\` typed into a search are letters, not patterns. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The applicant's name contains `q` (any case): the name's tokens (every character and pair of
 * neighbouring characters, `name_tokens` in migration 0043) contain those of `q`, found by the GIN
 * index `applications_applicant_name_tokens_idx`, and `ilike` confirms the exact order.
 */
export function applicantNameContains(q: string): SQL {
  return and(sql`${applications.applicantNameTokens} @> name_tokens(${q})`, ilike(applications.applicantName, `%${likeEscape(q)}%`)) as SQL;
}

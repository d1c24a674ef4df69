import type { Db } from "@/server/db/client";
import { publishedPenalties, type PublishedPenalty } from "../credit/published-penalties";

/**
 * The penalty half of 双公示: administrative penalty decisions are published with the licensing
 * ones. They are credit records (the credit module keeps them and their publication periods), so
 * the disclosure page reads the ones in their period from there.
 */
export function disclosedPenalties(db: Db, now: Date = new Date()): Promise<PublishedPenalty[]> {
  return publishedPenalties(db, now);
}

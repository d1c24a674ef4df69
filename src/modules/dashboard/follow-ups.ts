import { count, eq } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { publishedLate } from "../disclosure/search-disclosures";
import { disclosures } from "../disclosure/schema";
import type { Actor } from "../identity/model";
import { lateRectification, openRectification } from "../ratings/list-ratings";
import { rectificationItems } from "../ratings/schema";
import { assertDataOffice } from "./office";

export interface FollowUps {
  /** Rectification items (差评整改) waiting for the department's answer, late ones (open past due, or answered after), and appeals to decide. */
  rectificationOpen: number;
  rectificationLate: number;
  rectificationAppealed: number;
  /** Decisions published (双公示) after their due day. */
  latePublications: number;
}

/**
 * What the data office has to follow up, as counts: the same conditions as the pages that list
 * them (`/data-office/rectification`, `/data-office/disclosure`), which the dashboard links to.
 */
export async function readFollowUps(db: Db, actor: Actor, now: Date = new Date()): Promise<FollowUps> {
  assertDataOffice(actor);
  const today = shanghaiDate(now);
  const [[open], [late], [appealed], [publications]] = await Promise.all([
    db.select({ n: count() }).from(rectificationItems).where(openRectification()),
    db.select({ n: count() }).from(rectificationItems).where(lateRectification(today)),
    db.select({ n: count() }).from(rectificationItems).where(eq(rectificationItems.status, "appealed")),
    db.select({ n: count() }).from(disclosures).where(publishedLate()),
  ]);
  return { rectificationOpen: open?.n ?? 0, rectificationLate: late?.n ?? 0, rectificationAppealed: appealed?.n ?? 0, latePublications: publications?.n ?? 0 };
}

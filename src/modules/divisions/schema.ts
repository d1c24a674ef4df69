import { index, integer, pgTable, text } from "drizzle-orm/pg-core";

/** Administrative divisions (GB/T 2260): province, city, county. */
export const divisions = pgTable(
  "divisions",
  {
    code: text("code").primaryKey(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en"),
    parentCode: text("parent_code"),
    /** 1 province, 2 city, 3 county. */
    level: integer("level").notNull(),
  },
  (t) => [index("divisions_parent_code_idx").on(t.parentCode)],
);

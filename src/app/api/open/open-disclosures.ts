import en from "@/modules/disclosure/messages.en.json";
import zh from "@/modules/disclosure/messages.zh-CN.json";
import { ZDisclosureSearch } from "@/modules/disclosure/inputs";
import { disclosureColumns, disclosuresCsv } from "@/modules/disclosure/model";
import { searchDisclosures } from "@/modules/disclosure/search-disclosures";
import { hasDemoHistory } from "@/modules/applications/demo-data";
import { getDb } from "@/server/db";

/** A message key of the disclosure module (`disclosure.errors.code`) in both languages, for an API answer. */
function explain(key: string): { zh: string; en: string } {
  const name = key.replace(/^disclosure\.errors\./, "") as keyof typeof en.errors;
  return { zh: zh.errors[name] ?? key, en: en.errors[name] ?? key };
}

/**
 * Published licensing decisions as open data, no sign-in: the same search as /disclosure
 * (`q`, `code`, `department`, `from`, `to`, `page`, `pageSize` ≤ 100). A malformed parameter is
 * 400 with each problem by field; nothing else is said about the database.
 */
export async function openDisclosures(req: Request, format: "json" | "csv"): Promise<Response> {
  const params = new URL(req.url).searchParams;
  if ([...params.keys()].length > 20) return Response.json({ error: "invalidInput", problems: [] }, { status: 400 });
  const parsed = ZDisclosureSearch.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      field: i.path.join(".") || "_",
      message: i.message.startsWith("disclosure.") ? explain(i.message) : { zh: "参数不正确。", en: i.message },
    }));
    return Response.json({ error: "invalidInput", problems }, { status: 400 });
  }
  const db = await getDb();
  const [page, demoData] = await Promise.all([searchDisclosures(db, parsed.data), hasDemoHistory(db)]);
  // Generated demo history (npm run demo:history) is said in a header and, in JSON, a field.
  const headers = { "cache-control": "public, max-age=60", "x-total-count": String(page.total), "x-demo-data": String(demoData) };
  if (format === "csv") {
    return new Response(disclosuresCsv(page.rows), {
      headers: { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="disclosures.csv"' },
    });
  }
  return Response.json(
    {
      generatedAt: new Date().toISOString(),
      demoData,
      total: page.total,
      page: page.page,
      pageSize: page.pageSize,
      columns: disclosureColumns,
      rows: page.rows,
    },
    { headers },
  );
}

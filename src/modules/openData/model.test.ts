import { describe, expect, it } from "vitest";
import { csvField, parseDatasetFile, ratio, toCsv, type DatasetColumn } from "./model";

const columns: DatasetColumn[] = [
  { name: "name", labelZh: "名称", labelEn: "Name" },
  { name: "count", labelZh: "数量", labelEn: "Count" },
];

describe("CSV fields (RFC 4180)", () => {
  it.each([
    ["plain", "plain"],
    ["市场监督管理局", "市场监督管理局"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ["line\nbreak", '"line\nbreak"'],
    ["carriage\rreturn", '"carriage\rreturn"'],
    ["crlf\r\ninside", '"crlf\r\ninside"'],
    ["  spaces kept  ", "  spaces kept  "],
    ["", ""],
  ])("%j → %j", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("writes numbers as they are and null as the empty field", () => {
    expect(csvField(0)).toBe("0");
    expect(csvField(0.8333)).toBe("0.8333");
    expect(csvField(12.5)).toBe("12.5");
    expect(csvField(null)).toBe("");
  });
});

describe("toCsv", () => {
  it("starts with a UTF-8 BOM and a header of column names, ends every line with CRLF", () => {
    const csv = toCsv(columns, [
      { name: "开办企业“一件事”", count: 3 },
      { name: "Food, drink", count: 0 },
    ]);
    expect(csv).toBe('\uFEFFname,count\r\n开办企业“一件事”,3\r\n"Food, drink",0\r\n');
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("writes the columns in their declared order, whatever the row's key order; missing and null cells are empty", () => {
    expect(toCsv(columns, [{ count: 1, name: "x" }, { name: null }])).toBe("\uFEFFname,count\r\nx,1\r\n,\r\n");
  });

  it("is only the header when there are no rows", () => {
    expect(toCsv(columns, [])).toBe("\uFEFFname,count\r\n");
  });

  it("round-trips through an RFC 4180 reader", () => {
    const rows = [
      { name: 'He said "no", twice\r\nthen left', count: 7 },
      { name: "普通", count: 2 },
    ];
    const parsed = parseCsv(toCsv(columns, rows).slice(1));
    expect(parsed).toEqual([
      ["name", "count"],
      ['He said "no", twice\r\nthen left', "7"],
      ["普通", "2"],
    ]);
  });
});

describe("dataset file names", () => {
  it("splits a known extension from a kebab-case code", () => {
    expect(parseDatasetFile("applications-by-service.json")).toEqual({ code: "applications-by-service", format: "json" });
    expect(parseDatasetFile("service-catalog.csv")).toEqual({ code: "service-catalog", format: "csv" });
  });
  it.each(["applications-by-service", "applications-by-service.xml", "Applications.json", ".json", "a--b.json", "a.b.json", "../x.csv", "x.CSV"])(
    "refuses %j",
    (file) => {
      expect(parseDatasetFile(file)).toBeNull();
    },
  );
});

describe("ratio", () => {
  it("rounds to four decimals and is null without a denominator", () => {
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(3, 3)).toBe(1);
    expect(ratio(0, 4)).toBe(0);
    expect(ratio(0, 0)).toBeNull();
  });
});

/** A small RFC 4180 reader, written independently of the writer, to check what it writes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 1;
    } else field += c;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}

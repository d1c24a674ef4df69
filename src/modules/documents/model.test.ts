import { describe, expect, it } from "vitest";
import { documentNumber, documentNumberPattern, noticeDocumentContent, remediesFor, type NoticeLookups } from "./model";

const lookups: NoticeLookups = {
  department: (id) => (id === "d1" ? { zh: "河北省消防救援总队", en: "Hebei Fire and Rescue Corps" } : undefined),
  material: (key) => (key === "leaseContract" ? { name: { zh: "租赁合同", en: "Lease contract" }, legalBasis: "《食品经营许可管理办法》第十二条" } : undefined),
  serviceLegalBasis: "《中华人民共和国食品安全法》第三十五条",
};

describe("the notice renderer", () => {
  it("maps today's items: a catalog material with its basis, a text request with the service's", () => {
    const out = noticeDocumentContent(
      {
        items: [
          { departmentId: "d1", taskId: "t1", materialKeys: ["leaseContract"], text: "租赁合同已过期" },
          { departmentId: null, taskId: null, materialKeys: [], text: "请说明营业时间" },
        ],
      },
      lookups,
    );
    expect(out.deadline).toBeNull();
    expect(out.items[0]).toMatchObject({ department: { zh: "河北省消防救援总队" }, kind: "material", legalBasis: "《食品经营许可管理办法》第十二条" });
    expect(out.items[1]).toMatchObject({ department: null, kind: "request", materials: [], legalBasis: "《中华人民共和国食品安全法》第三十五条" });
  });

  it("tolerates what the notice record is growing: item kinds, an item's own basis, a deadline under any name, junk", () => {
    const out = noticeDocumentContent(
      {
        items: [
          { departmentId: "d1", kind: "question", text: "是否设有油烟净化设施？" },
          { departmentId: "d1", kind: "document", text: "请上传排水许可证", legalBasis: "《城镇排水与污水处理条例》第二十一条" },
          { departmentId: "unknown", kind: "somethingNew", text: "新类型", materialKeys: ["noSuchMaterial"] },
          null,
          "not an item",
        ],
        dueOn: "2026-03-16",
      },
      lookups,
    );
    expect(out.items.map((i) => i.kind)).toEqual(["question", "document", "request"]);
    expect(out.items[1]?.legalBasis).toBe("《城镇排水与污水处理条例》第二十一条");
    expect(out.items[2]?.department).toBeNull();
    expect(out.deadline).toBe("2026-03-16");
    expect(noticeDocumentContent({ items: [], deadline: new Date("2026-04-01T00:00:00Z") }, lookups).deadline).toBe("2026-04-01");
  });
});

describe("document numbers", () => {
  it("count per department, kind and year and match the verification pattern", () => {
    const n = documentNumber("denialDecision", "market", 2026, 123);
    expect(n).toBe("BYXK-market-2026-000123");
    expect(documentNumberPattern.test(n)).toBe(true);
    expect(documentNumberPattern.test("BYXK-market-2026-123")).toBe(false);
    expect(documentNumberPattern.test("20260302000000001")).toBe(false);
  });
});

describe("remedies", () => {
  it("send a local department to its government and a vertically managed one to the department above", () => {
    expect(
      remediesFor({ zh: "河北省生态环境厅", en: "Hebei Department of Ecology and Environment" }, { zh: "河北省", en: "Hebei" }).reconsiderationBodies,
    ).toEqual([{ zh: "河北省人民政府", en: "the People's Government of Hebei" }]);
    const tax = remediesFor({ zh: "国家税务总局河北省税务局", en: "Hebei Provincial Tax Service" }, { zh: "河北省", en: "Hebei" });
    expect(tax.reconsiderationBodies[0]?.zh).toBe("国家税务总局（上一级主管部门）");
    expect(tax.reconsiderationDays).toBe(60);
    expect(tax.litigationMonths).toBe(6);
  });
});

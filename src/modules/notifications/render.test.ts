import { describe, expect, it } from "vitest";
import { kindParams, notificationHref, notificationKinds } from "./model";
import { renderNotification } from "./render";

const sample: Record<string, string | number> = {
  trackingNumber: "TB-2026-000123",
  title: "开办企业",
  reason: "经营范围不符合规定",
  count: 2,
  dueDate: "2026-03-10",
  department: "河北省市场监督管理局",
  outcome: "approved",
  certificate: "营业执照",
  number: "91130102MA0TB0016X",
  provisional: "no",
};

describe("notification messages", () => {
  it("render every kind in both languages with its params, leaving no placeholder", () => {
    for (const kind of notificationKinds) {
      const params = Object.fromEntries(kindParams[kind].map((p) => [p, sample[p] ?? p]));
      for (const locale of ["zh-CN", "en"] as const) {
        const { title, body } = renderNotification(locale, kind, params);
        expect(title.length).toBeGreaterThan(0);
        expect(body).not.toMatch(/[{}]/);
        for (const p of kindParams[kind]) if (p !== "outcome" && p !== "count" && p !== "provisional") expect(body).toContain(String(params[p]));
      }
    }
  });

  it("renders the outcome of a department's decision", () => {
    const base = { trackingNumber: "T1", title: "开办企业", department: "市场监管局" };
    expect(renderNotification("zh-CN", "taskDecided", { ...base, outcome: "denied" }).body).toContain("不同意");
    expect(renderNotification("en", "taskDecided", { ...base, outcome: "supplementRequested" }).body).toContain("more material requested");
    expect(renderNotification("en", "supplementNotice", { ...base, count: 1, dueDate: "2026-03-10" }).body).toContain("1 more item.");
  });

  it("says when a due date is provisional, and reads an item stored without the flag as published", () => {
    const base = { trackingNumber: "T1", title: "开办企业", dueDate: "2027-02-08" };
    for (const kind of ["taskOpened", "dueReminder", "taskOverdue"]) {
      expect(renderNotification("zh-CN", kind, { ...base, provisional: "yes" }).body).toContain("暂定日期");
      expect(renderNotification("en", kind, { ...base, provisional: "yes" }).body).toContain("provisional date");
      expect(renderNotification("zh-CN", kind, { ...base, provisional: "no" }).body).not.toContain("暂定");
      expect(renderNotification("en", kind, base).body).not.toContain("provisional");
    }
  });

  it("shows an unknown kind by its name", () => {
    expect(renderNotification("en", "somethingNew", {})).toEqual({ title: "somethingNew", body: "" });
  });

  it("leads each role to its own page", () => {
    expect(notificationHref("citizen", "a")).toBe("/applications/a");
    expect(notificationHref("enterprise", null)).toBeNull();
    expect(notificationHref("citizen", null, "accessQuestionAnswered")).toBe("/applicant/data-log");
    expect(notificationHref("reviewer", "a")).toBe("/review");
    expect(notificationHref("windowClerk", "a")).toBe("/window");
    expect(notificationHref("dataOffice", "a")).toBeNull();
  });
});

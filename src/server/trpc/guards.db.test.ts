import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/modules/identity/model";
import type { DatabaseHandle } from "@/server/db/client";
import { testDatabase } from "@/root/testing/database";
import type { Locale } from "@/i18n/locales";
import { appRouter, createCaller } from "@/root/router";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await testDatabase();
});

const actor = (role: Actor["role"], departmentId: string | null = null): Actor => ({
  userId: "00000000-0000-4000-8000-000000000001",
  role,
  displayName: "测试",
  departmentId,
  entityId: null,
  personId: null,
  agency: null,
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}

describe("role guards", () => {
  it("refuses signed-out callers on every signed-in procedure", async () => {
    const caller = createCaller({ db: h.db, actor: null, self: null, locale: "zh-CN" });
    expect(await codeOf(caller.identity.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(caller.identity.departments())).toBe("UNAUTHORIZED");
  });

  it("lets staff list departments and refuses applicants", async () => {
    for (const role of ["enterprise", "citizen"] as const) {
      expect(await codeOf(createCaller({ db: h.db, actor: actor(role), self: actor(role), locale: "zh-CN" }).identity.departments())).toBe("FORBIDDEN");
    }
    for (const role of ["windowClerk", "dataOffice", "administrator"] as const) {
      expect(await codeOf(createCaller({ db: h.db, actor: actor(role), self: actor(role), locale: "zh-CN" }).identity.departments())).toBe("OK");
    }
  });
});

async function post(path: string, body: unknown, locale: Locale) {
  const req = new Request(`http://localhost/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: body }),
  });
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => ({ db: h.db, actor: null, self: null, locale }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { json: { message: string; data: { fieldErrors: Record<string, string[]> | null } } } } };
}

describe("errors over the wire", () => {
  const bad = { idNumber: "11010519491231002Y", name: "吴测试", phone: "12345", password: "short", confirmPassword: "short" };

  it("puts each field's translated message on the field, in the reader's language", async () => {
    const zh = await post("identity.registerCitizen", bad, "zh-CN");
    expect(zh.status).toBe(400);
    const fe = zh.body.error?.json.data.fieldErrors ?? {};
    expect(Object.keys(fe).sort()).toEqual(expect.arrayContaining(["phone", "idNumber", "password"]));
    expect(fe.phone?.[0]).toBe("请填写 11 位手机号码，或带区号的固定电话。");
    const en = await post("identity.registerCitizen", bad, "en");
    expect(en.body.error?.json.data.fieldErrors?.phone?.[0]).toBe("Enter an 11-digit mobile number, or a landline with its area code.");
    expect(en.body.error?.json.message).toBe("Some answers need correcting; see the messages by each field.");
  });
});

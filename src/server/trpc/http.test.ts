import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import { handleTrpcRequest, maxTrpcBatchSize, maxTrpcBodyBytes } from "./http";
import { createTRPCRouter, publicProcedure, rateLimited, type TrpcContext } from "./init";

// A ZodError and a DomainError as another copy of zod and of domain-error.ts would make them in
// the production build: not `instanceof` this copy's classes, the same in shape and brand.
function foreignZodError() {
  return Object.assign(new Error("[]"), {
    name: "ZodError",
    issues: [{ code: "custom", path: ["materials", "businessLicence"], message: "validation.material.missing" }],
  });
}
function foreignDomainError() {
  return Object.assign(new Error("errors.idNumberTaken"), {
    name: "DomainError",
    code: "conflict",
    field: "idNumber",
    [Symbol.for("tongban.DomainError")]: true,
  });
}

const router = createTRPCRouter({
  submit: publicProcedure.input(z.object({ name: z.string().optional() }).optional()).mutation(() => {
    throw foreignZodError();
  }),
  // What checkMaterials throws: every gap at once, as a ZodError made by hand in a use case.
  submitForReal: publicProcedure.mutation(() => {
    throw new z.ZodRealError([{ code: "custom", path: ["consent"], message: "validation.consent", input: false }]);
  }),
  register: publicProcedure.mutation(() => {
    throw foreignDomainError();
  }),
  echo: publicProcedure.input(z.object({ name: z.string(), notes: z.array(z.string()).optional() })).mutation(({ input }) => input.name),
  ping: publicProcedure.query(() => "pong"),
  broken: publicProcedure.query(() => {
    throw new Error(`Failed query: insert into users values ($1)\nparams: 11010519491231002X`);
  }),
  limited: publicProcedure.use(rateLimited("tracking")).query(() => "fine"),
  raw: publicProcedure.query(() => {
    throw new TRPCError({ code: "BAD_REQUEST", message: "errors.bodyTooLarge" });
  }),
});

// No procedure here touches the database: a handle that throws if one does.
const db = new Proxy(
  {},
  {
    get: () => {
      throw new Error("no database in this test");
    },
  },
) as Db;

async function call(path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string>; address?: string; duplex?: "half" } = {}) {
  const req = new Request(`http://localhost/api/trpc/${path}`, {
    method: init.method ?? "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: init.body,
    ...(init.duplex ? { duplex: init.duplex } : {}),
  } as RequestInit);
  const context = async (): Promise<TrpcContext> => ({ db, actor: null, self: null, locale: "en", clientAddress: init.address ?? null });
  const res = await handleTrpcRequest(req, context, "en", router);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}
const errorOf = (json: unknown) =>
  (json as { error: { json: { message: string; data: { fieldErrors: Record<string, string[]> | null; httpStatus: number } } } }).error.json;

describe("errors over the wire, as the production build makes them", () => {
  it("a ZodError from another copy of zod is a 400 with the error on its field", async () => {
    const r = await call("submit", { body: JSON.stringify({ json: {} }) });
    expect(r.status).toBe(400);
    const e = errorOf(r.json);
    expect(e.message).toBe("Some answers need correcting; see the messages by each field.");
    expect(Object.keys(e.data.fieldErrors ?? {})).toEqual(["materials.businessLicence"]);
  });

  it("a ZodError thrown by a use case is a 400 with its field errors, not a 500", async () => {
    const r = await call("submitForReal", { body: JSON.stringify({ json: null }) });
    expect(r.status).toBe(400);
    expect(Object.keys(errorOf(r.json).data.fieldErrors ?? {})).toEqual(["consent"]);
  });

  it("a DomainError from another copy keeps its code and field", async () => {
    const r = await call("register", { body: JSON.stringify({ json: null }) });
    expect(r.status).toBe(409);
    expect(errorOf(r.json).data.fieldErrors).toEqual({ idNumber: ["This ID number is already registered. Please sign in."] });
  });

  it("an unexpected error is a 500 with no SQL, parameters or stack in the body", async () => {
    const r = await call("broken", { method: "GET" });
    expect(r.status).toBe(500);
    expect(r.text).not.toMatch(/Failed query|params|11010519491231002X|at .*\.ts/);
    expect(errorOf(r.json).message).toBe("Something went wrong on our side. Please try again later.");
  });
});

describe("text inputs", () => {
  it.each([
    ["a NUL byte", "张\u0000三"],
    ["an escape character", "\u001b[2J"],
    ["a right-to-left override", "\u202eabc"],
  ])("refuse %s with a 400 and a field error on the field", async (_what, name) => {
    const r = await call("echo", { body: JSON.stringify({ json: { name, notes: ["fine", name] } }) });
    expect(r.status).toBe(400);
    const e = errorOf(r.json);
    expect(e.data.fieldErrors).toEqual({ name: [expect.stringContaining("control character")], "notes.1": [expect.stringContaining("control character")] });
  });

  it("take multi-line text with tabs", async () => {
    const r = await call("echo", { body: JSON.stringify({ json: { name: "第一行\n\t第二行" } }) });
    expect(r.status).toBe(200);
  });
});

describe("request limits", () => {
  it("refuses a declared body over 1 MiB with 413 before reading it", async () => {
    const r = await call("echo", { body: "x".repeat(maxTrpcBodyBytes + 1) });
    expect(r.status).toBe(413);
    expect(r.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a chunked body (no Content-Length) the moment it passes 1 MiB", async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // An endless body: only the limit stops it.
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const r = await call("echo", { body: stream, duplex: "half" });
    expect(r.status).toBe(413);
    expect(sent).toBeLessThan(maxTrpcBodyBytes + 4 * chunk.byteLength);
  });

  it(`refuses a batch of more than ${maxTrpcBatchSize} calls with 400`, async () => {
    const paths = Array.from({ length: maxTrpcBatchSize + 1 }, () => "ping").join(",");
    const over = await call(`${paths}?batch=1&input=${encodeURIComponent("{}")}`, { method: "GET" });
    expect(over.status).toBe(400);
    const within = await call(`${Array.from({ length: maxTrpcBatchSize }, () => "ping").join(",")}?batch=1&input=${encodeURIComponent("{}")}`, {
      method: "GET",
    });
    expect(within.status).toBe(200);
  });

  it("answers every call with Cache-Control: no-store", async () => {
    const r = await call("ping", { method: "GET" });
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 429 with Retry-After once an address passes a procedure's limit, and only that address", async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await call("limited", { method: "GET", address })).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    const refused = await call("limited", { method: "GET", address });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(errorOf(refused.json).message).toMatch(/Too many attempts\. Please try again in 1 minute\./);
    expect((await call("limited", { method: "GET", address: "198.51.100.1" })).status).toBe(200);
  });
});

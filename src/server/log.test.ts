import { Writable } from "node:stream";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { createLogger, redact, scrub } from "./log";
import { requestContext } from "./request-context";

const idNumber = "11010519491231002X";
const phone = "13800000011";
const hash = "scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=";

/** What a failed registration insert looks like when it reaches the log: Drizzle's error around pg's. */
function failedInsert(): Error {
  const pgError = Object.assign(new Error(`duplicate key value violates unique constraint "users_login_unique"`), {
    code: "23505",
    detail: `Key (login)=(${idNumber}) already exists.`,
    table: "users",
  });
  return new DrizzleQueryError(
    `insert into "users" ("id", "login", "password_hash", "display_name", "phone") values (default, $1, $2, $3, $4)`,
    [idNumber, hash, "张\u0000三", phone],
    pgError,
  );
}

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger(stream, { level: "info" }), lines };
}

describe("the log keeps nothing personal", () => {
  it("masks a Drizzle query error's parameters, ID number, hash and phone, keeping the SQL and the cause", () => {
    const { logger, lines } = capture();
    logger.error(
      { err: failedInsert(), input: { name: "张三", idNumber, phone, password: "Secret2026", confirmPassword: "Secret2026" } },
      "registration failed",
    );
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    for (const secret of [idNumber, phone, hash, "c2FsdHNhbHRz", "Secret2026", "\\u0000"]) expect(line).not.toContain(secret);
    const entry = JSON.parse(line) as {
      level: string;
      msg: string;
      err: { message: string; stack: string; cause: { code: string; detail: string } };
      input: Record<string, string>;
    };
    expect(entry.level).toBe("error");
    expect(entry.err.message).toContain(`Failed query: insert into "users"`);
    expect(entry.err.message).toContain("params: [redacted]");
    expect(entry.err.stack).toContain("params: [redacted]");
    expect(entry.err.cause.code).toBe("23505");
    expect(entry.err.cause.detail).toBe("Key (login)=([id-number]) already exists.");
    expect(entry.input).toEqual({ name: "张三", idNumber: "[redacted]", phone: "[redacted]", password: "[redacted]", confirmPassword: "[redacted]" });
  });

  it("scrubs the message string and its arguments too", () => {
    const { logger, lines } = capture();
    logger.warn(`sign-in failed for ${idNumber} from ${phone}`);
    expect(lines[0]).not.toContain(idNumber);
    expect(lines[0]).not.toContain(phone);
  });

  it("drops query strings of URLs but keeps their paths", () => {
    expect(scrub("GET /track?trackingNumber=13010220260302000017&queryCode=AB12CD34 500")).toBe("GET /track?[query] 500");
    expect(scrub("redirect to https://portal.example/sign-in?callbackUrl=%2Fapplicant")).toBe("redirect to https://portal.example/sign-in?[query]");
  });

  it("leaves tracking numbers (20 digits) and credit codes with letters alone", () => {
    expect(scrub("application 13010220260302000017 of 91130102MA0TB00118")).toBe("application 13010220260302000017 of 91130102MA0TB00118");
  });

  it("redacts by key at any depth, in arrays and errors' own fields", () => {
    const err = Object.assign(new Error("boom"), { headers: { authorization: "Bearer x", cookie: "authjs.session-token=y" } });
    expect(redact({ list: [{ passwordHash: hash }], err })).toEqual({
      list: [{ passwordHash: "[redacted]" }],
      err: expect.objectContaining({ type: "Error", message: "boom", headers: { authorization: "[redacted]", cookie: "[redacted]" } }),
    });
  });

  it("puts the request id on every line logged inside a request", () => {
    const { logger, lines } = capture();
    requestContext.run({ requestId: "req-12345678" }, () => logger.info("inside"));
    logger.info("outside");
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: "req-12345678", msg: "inside" });
    expect(JSON.parse(lines[1]!)).not.toHaveProperty("requestId");
  });
});

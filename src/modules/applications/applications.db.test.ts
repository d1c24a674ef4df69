import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/modules/identity/model";
import { reviewTasks } from "@/modules/review/schema";
import { createTestBundle, newEnterprise, withDemo } from "@/root/testing/fixtures";
import { acceptApplication } from "./accept-application";
import { completeSupplement } from "./complete-supplement";
import { ZSaveDraftInput, ZSubmitApplicationInput } from "./inputs";
import { listAcceptanceQueue } from "./list-applications";
import { refuseApplication } from "./refuse-application";
import { loadDraft, saveDraft } from "./save-draft";
import { requestCompletion } from "./request-completion";
import { applications, uploads } from "./schema";
import { submitApplication } from "./submit-application";
import { trackApplication } from "./track-application";
import { maxUploadBytes, sniffMediaType, uploadFile } from "./upload-file";
import { withdrawApplication } from "./withdraw-application";

const { h, clerk } = await withDemo({ clerk: "clerk" });

const now = new Date("2026-03-02T01:00:00Z");
const pdf = new Uint8Array([...Buffer.from("%PDF-1.4\n%test\n")]);
const versionOf = async (id: string) => (await h.db.select({ v: applications.version }).from(applications).where(eq(applications.id, id)))[0]?.v ?? 0;

async function submit(applicant: Actor, code: string, extra: Partial<{ materials: Record<string, unknown> }> = {}) {
  const input = ZSubmitApplicationInput.parse({
    subject: { kind: "bundle", code },
    idempotencyKey: randomUUID(),
    formData: { projectName: "示例项目" },
    materials: extra.materials ?? {},
    consent: true,
  });
  return submitApplication(h.db, applicant, input, now);
}

describe("uploads", () => {
  it("stores PDF, PNG and JPEG by their content with a SHA-256", async () => {
    const applicant = await newEnterprise(h.db);
    const stored = await uploadFile(h.db, applicant, { fileName: "plan.pdf", content: pdf });
    expect(stored).toMatchObject({ mediaType: "application/pdf", sizeBytes: pdf.byteLength, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(sniffMediaType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffMediaType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
  });

  it("refuses a file over the limit or of another type, storing nothing", async () => {
    const applicant = await newEnterprise(h.db);
    const count = async () =>
      (
        await h.db
          .select({ n: sql<number>`count(*)::int` })
          .from(uploads)
          .where(eq(uploads.ownerUserId, applicant.userId))
      )[0]?.n;
    const big = new Uint8Array(maxUploadBytes + 1);
    big.set(pdf);
    await expect(uploadFile(h.db, applicant, { fileName: "big.pdf", content: big })).rejects.toMatchObject({
      code: "invalidInput",
      message: expect.stringContaining("errors.upload.tooLarge"),
    });
    // A script renamed to .pdf: the content decides.
    await expect(uploadFile(h.db, applicant, { fileName: "evil.pdf", content: new TextEncoder().encode("<script>alert(1)</script>") })).rejects.toMatchObject({
      message: "errors.upload.type",
    });
    // A right-to-left override or a NUL in the name: a field error, not a silently renamed file.
    for (const fileName of ["invoice\u202Efdp.exe", "plan\u0000.pdf"]) {
      await expect(uploadFile(h.db, applicant, { fileName, content: pdf })).rejects.toMatchObject({
        code: "invalidInput",
        field: "file",
        message: "errors.controlCharacter",
      });
    }
    expect(await count()).toBe(0);
  });

  it("uses only the applicant's own uploads", async () => {
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }], { requiredUpload: true });
    const owner = await newEnterprise(h.db);
    const other = await newEnterprise(h.db);
    const theirs = await uploadFile(h.db, owner, { fileName: "p.pdf", content: pdf });
    await expect(submit(other, code, { materials: { sitePhoto: { kind: "upload", uploadId: theirs.id } } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["materials", "sitePhoto"], message: "validation.material.uploadUnknown" })],
    });
    const ok = await submit(owner, code, { materials: { sitePhoto: { kind: "upload", uploadId: theirs.id } } });
    expect(ok.status).toBe("submitted");
  });
});

describe("the window", () => {
  it("asks for completion in one notice; the applicant answers and the application comes back", async () => {
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const applicant = await newEnterprise(h.db);
    const s = await submit(applicant, code);
    await requestCompletion(
      h.db,
      clerk,
      {
        applicationId: s.id,
        version: await versionOf(s.id),
        items: [
          { materialKeys: ["projectName"], text: "项目名称与营业执照不一致" },
          { kind: "question", materialKeys: [], text: "请核对联系电话" },
        ],
      },
      now,
    );
    const [asked] = await h.db.select().from(applications).where(eq(applications.id, s.id));
    expect(asked?.status).toBe("supplementRequired");
    expect((await listAcceptanceQueue(h.db, clerk, { status: "supplementRequired" })).map((r) => r.id)).toContain(s.id);
    expect((await listAcceptanceQueue(h.db, clerk, { status: "submitted" })).map((r) => r.id)).not.toContain(s.id);
    await completeSupplement(
      h.db,
      applicant,
      {
        applicationId: s.id,
        version: asked?.version ?? 0,
        formData: { projectName: "更正后的项目" },
        materials: {},
        answers: { "1": { text: "联系电话无误" } },
      },
      now,
    );
    const [back] = await h.db.select().from(applications).where(eq(applications.id, s.id));
    expect([back?.status, back?.formData.projectName]).toEqual(["submitted", "更正后的项目"]);
  });

  it("refuses with a reason; a stale version is a conflict", async () => {
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const s = await submit(await newEnterprise(h.db), code);
    const v = await versionOf(s.id);
    await expect(acceptApplication(h.db, clerk, { applicationId: s.id, version: v + 5 }, now)).rejects.toMatchObject({ code: "conflict" });
    await refuseApplication(h.db, clerk, { applicationId: s.id, version: v, reason: "不属于本平台受理范围", confirmed: true }, now);
    const [row] = await h.db.select().from(applications).where(eq(applications.id, s.id));
    expect([row?.status, row?.refusalReason]).toEqual(["notAccepted", "不属于本平台受理范围"]);
    await expect(acceptApplication(h.db, clerk, { applicationId: s.id, version: row?.version ?? 0 }, now)).rejects.toMatchObject({ code: "illegalTransition" });
  });

  it("accepts automatically where the catalog allows it", async () => {
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }], { autoAcceptance: true });
    const s = await submit(await newEnterprise(h.db), code);
    expect(s.status).toBe("inReview");
    const tasks = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, s.id));
    expect(tasks.map((t) => t.status)).toEqual(["open"]);
  });
});

describe("tracking and withdrawal", () => {
  it("tracks with the right pair and says the same 'not found' for a wrong code or an unknown number", async () => {
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const s = await submit(await newEnterprise(h.db), code);
    const view = await trackApplication(h.db, { trackingNumber: s.trackingNumber, queryCode: s.queryCode.toLowerCase() }, now);
    expect(view).toMatchObject({ trackingNumber: s.trackingNumber, status: "submitted" });
    expect(JSON.stringify(view)).not.toContain("测试示例企业");
    const wrongCode = await trackApplication(h.db, { trackingNumber: s.trackingNumber, queryCode: "ZZZZZZZZ" }, now).catch((e: unknown) => e);
    const unknown = await trackApplication(h.db, { trackingNumber: "13010220990101999999", queryCode: s.queryCode }, now).catch((e: unknown) => e);
    expect(wrongCode).toMatchObject({ code: "notFound", message: "errors.trackNotFound" });
    expect(unknown).toMatchObject({ code: "notFound", message: "errors.trackNotFound" });
  });

  it("withdrawal cancels the open tasks; only the applicant may withdraw", async () => {
    const { code } = await createTestBundle(h.db, [
      { key: "a", department: "market" },
      { key: "b", department: "tax", needs: ["a"] },
    ]);
    const applicant = await newEnterprise(h.db);
    const s = await submit(applicant, code);
    await acceptApplication(h.db, clerk, { applicationId: s.id, version: await versionOf(s.id) }, now);
    const stranger = await newEnterprise(h.db);
    await expect(withdrawApplication(h.db, stranger, { applicationId: s.id, version: await versionOf(s.id) }, now)).rejects.toMatchObject({ code: "notFound" });
    await withdrawApplication(h.db, applicant, { applicationId: s.id, version: await versionOf(s.id) }, now);
    const tasks = await h.db.select({ status: reviewTasks.status }).from(reviewTasks).where(eq(reviewTasks.applicationId, s.id));
    expect(tasks.map((t) => t.status).sort()).toEqual(["cancelled", "cancelled"]);
  });
});

describe("drafts", () => {
  it("saves a draft under the form key, loads it back, and submitting with the key submits that draft", async () => {
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }], { requiredUpload: true });
    const applicant = await newEnterprise(h.db);
    const key = randomUUID();
    const file = await uploadFile(h.db, applicant, { fileName: "photo.pdf", content: pdf });
    const draft = ZSaveDraftInput.parse({
      subject: { kind: "bundle", code },
      idempotencyKey: key,
      formData: { projectName: "草稿项目" },
      materials: { sitePhoto: { kind: "upload", uploadId: file.id } },
    });
    const saved = await saveDraft(h.db, applicant, draft, now);
    await saveDraft(h.db, applicant, { ...draft, formData: { projectName: "改过的草稿" } }, now);
    expect(await loadDraft(h.db, applicant, key)).toEqual({
      id: saved.id,
      situations: {},
      formData: { projectName: "改过的草稿" },
      uploads: { sitePhoto: file.id },
    });
    // Another applicant cannot read it.
    expect(await loadDraft(h.db, await newEnterprise(h.db), key)).toBeNull();

    const submitted = await submitApplication(
      h.db,
      applicant,
      ZSubmitApplicationInput.parse({ ...draft, formData: { projectName: "改过的草稿" }, consent: true }),
      now,
    );
    expect(submitted.id).toBe(saved.id);
    // A submitted application is no draft: saving again under the key is refused, nothing changes.
    await expect(saveDraft(h.db, applicant, draft, now)).rejects.toMatchObject({ code: "conflict" });
    const [row] = await h.db.select().from(applications).where(eq(applications.id, saved.id));
    expect([row?.status, row?.formData.projectName]).toEqual(["submitted", "改过的草稿"]);
  });
});

import path from "node:path";
import { describe, expect, it } from "vitest";
import { applicationStatuses } from "@/modules/applications/model";
import { commitmentMethods } from "@/modules/catalog/model";
import { exclusionReasons, verificationStatuses } from "@/modules/commitments/model";
import { documentKinds } from "@/modules/documents/model";
import { roles, type Agency } from "@/modules/identity/model";
import { mandateScopes } from "@/modules/identity/schema";
import { notificationKinds } from "@/modules/notifications/model";
import { extensionStatuses, pauseReasons, taskStatuses } from "@/modules/review/model";
import type { CertificateStatus } from "@/modules/sharing/gate";
import { grantStatuses } from "@/modules/sharing/model";
import { scanMessageUsages } from "./message-usages";
import { messagesByLocale } from "./messages";

/**
 * Message usages the scanner (./message-usages.ts) cannot resolve, by file and call, each with
 * why its keys exist. Add one only with a reason; an entry whose call is gone fails the test.
 */
const unresolvedAllowed: Record<string, string> = {
  // Translators of encoded messages: each takes a key made by `msg`/DomainError (checked where
  // made) and shows the text itself when the key is unknown (`has` first).
  "src/lib/message.ts t(inner)": "translateMessage: a `@key` parameter, shown by its last segment when unknown",
  "src/lib/message.ts t(key, resolved)": "translateMessage: only after t.has(key)",
  "src/i18n/messages.ts t(key as never, params as never)": "translateServerMessage's translator, handed to translateMessage",
  "src/components/form/fields.tsx t(key as never, params as never)": "the forms' translator of field errors, handed to translateMessage",
  "src/app/window/forwardings/page.tsx tr(r.code)":
    "a returned forwarding's reason: a message key from the competent node, shown only after tr.has(code), else as its code",
  "src/app/verify/[number]/page.tsx tAll(key as never, p as never)": "the root translator handed to translateMessage for a verification's refusal",
  "src/app/verify/documents/[number]/page.tsx tAll(key as never, p as never)": "the root translator handed to translateMessage for a document number's refusal",
  "src/modules/sharing/components/holder-data-log.tsx tAll(key as never, params as never)":
    "the root translator handed to translateMessage for a refusal reason",
  "src/lib/domain-error.ts msg(key, options?.params)": "DomainError's constructor: every `new DomainError(code, key)` is checked where thrown",
  "src/app/api/uploads/route.ts translateServerMessage(locale, params ? `${key}|${JSON.stringify(params)}` : key":
    "the route's `fail(status, key)`: its keys are literals in the same file",
  "src/app/api/uploads/route.ts translateServerMessage(locale, e.message)": "a DomainError's message, a key checked where thrown",
  "src/server/trpc/init.ts translateServerMessage(locale, cause.message)": "a DomainError's message, a key checked where thrown",
  "src/server/trpc/init.ts translateServerMessage(locale, issue.message)":
    "a zod issue's message: a `msg` key checked where the schema says it, or zod's own text shown as it is",
  "src/server/trpc/init.ts translateServerMessage(locale, shape.message)": "the error's message: a key or text shown as it is",
  'src/app/data-office/certificates/page.tsx translateServerMessage(locale as Locale, parsed.error.issues[0]?.message ?? "err':
    "ZCertificateNumber's issue message, a `msg` key checked where the schema says it",
  // Keys built from a closed list: the list's labels are checked below ("label every value").
  "src/modules/applications/components/staff-acceptance-actions.tsx status(application.status)": "applicationStatuses",
  "src/modules/applications/components/status-badge.tsx t(`${kind}.${status}`)": "applicationStatuses and taskStatuses",
  "src/modules/review/components/task-actions.tsx status(task.status)": "taskStatuses",
  "src/modules/review/components/clock-actions.tsx tk(k)": "pauseReasons",
  "src/modules/review/components/clock-actions.tsx tk(pause.kind)": "pauseReasons",
  'src/modules/documents/components/printable-document.tsx tb(d.kind, { submitted: c.submittedOn ? day(c.submittedOn) : "—", subject: say(c': "documentKinds",
  "src/modules/applications/components/staff-acceptance-queue.tsx kind(r.applicantKind)": "applicant kinds (enterprise, citizen)",
  "src/modules/applications/components/window-processed.tsx kind(r.applicantKind)": "applicant kinds (enterprise, citizen)",
  "src/modules/applications/components/staff-case-summary.tsx kind(app.kind)": "application kinds (service, bundle)",
  "src/modules/identity/components/staff-accounts.tsx tr(a.role)": "roles",
  "src/modules/identity/components/staff-accounts.tsx tr(r)": "roles (the staff roles)",
  "src/modules/identity/components/administration-forms.tsx tr(r)": "roles (the staff roles an administrator may give)",
  "src/modules/sharing/components/office/question-list.tsx tr(q.read.readerRole)": "roles, and only after tr.has",
  "src/modules/identity/components/acting-banner.tsx t(a.kind, { agent: a.agentName, principal: actor.displayName, scope: t(`scope.${": "agency kinds",
  "src/modules/sharing/components/holder-certificate-status.tsx t(status)": "certificate statuses",
  "src/modules/sharing/components/office/badges.tsx t(status)": "grantStatuses",
  "src/modules/notifications/render.ts t(`${kind}.title`, all as never)": "notificationKinds (in the notifications module's own file, namespace `kinds`)",
  "src/modules/notifications/render.ts t(`${kind}.body`, all as never)": "notificationKinds (in the notifications module's own file, namespace `kinds`)",
  "src/modules/sharing/components/office/office-nav.tsx t(p.key)": "the office's four pages, a closed list in the same file",
  "src/app/applications/[id]/page.tsx tcs(c.status)": "certificate statuses",
  "src/app/review/verifications/page.tsx tm(v.method)": "commitmentMethods",
  "src/app/review/verifications/page.tsx ts(v.status)": "verificationStatuses",
  "src/modules/commitments/components/case-verifications.tsx ts(v.status)": "verificationStatuses",
  "src/modules/applications/components/apply-form.tsx tm(m.commitment.method)": "commitmentMethods",
  "src/modules/catalog/components/materials-editor.tsx tm(m)": "commitmentMethods",
  "src/modules/catalog/components/materials-table.tsx tm(m.commitment.method)": "commitmentMethods",
  "src/modules/applications/check-materials.ts msg(excluded)": "the commitment exclusion port's key, `commitments.exclusion.<exclusionReasons>`",
  "src/modules/catalog/inputs.ts msg(p.message)": "commitmentProblems' keys, literals in catalog/model.ts",
  'src/modules/applications/components/staff-materials.tsx ts(m.certificateRefused.replace(/^sharing\\./, ""))':
    "a refusal key of the sharing module, only after ts.has",
  "src/modules/applications/components/application-timeline.tsx tr(code)": "an exchange refusal code (exchange.refusal), only after tr.has",
  "src/modules/applications/check-materials.ts msg(why)": "validation.material.certificate.<certificate status or missing>",
  "src/modules/identity/inputs.ts msg(`${prefix}.${failed}`)": "a failed check of the ID number or credit code validators under its prefix",
  "src/modules/identity/inputs.ts msg(`${prefix}.${failed.check}`, params)": "a failed check of the ID number or credit code validators under its prefix",
};

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("message files", () => {
  it("have the same keys in Chinese and English", () => {
    expect(keys(messagesByLocale.en).sort()).toEqual(keys(messagesByLocale["zh-CN"]).sort());
  });
  it("have no empty strings", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const empty = keys(messagesByLocale[locale]).filter((k) => {
        const v = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messagesByLocale[locale]);
        return typeof v !== "string" || v.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });
});

describe("server messages", () => {
  /** The message of the error a call throws. */
  function errorOf(fn: () => unknown): string {
    try {
      fn();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error("no error");
  }

  it("show a state named in an error in the reader's language, and an unknown one as its code", async () => {
    const { translateServerMessage } = await import("./messages");
    const { transition } = await import("@/lib/state-machine");
    const application = errorOf(() =>
      transition("application", { inReview: {} } as never, "inReview" as never, "accept" as never, "applications.status.application"),
    );
    expect(translateServerMessage("zh-CN", application)).toContain("“审查中”");
    expect(translateServerMessage("en", application)).toContain("“In review”");
    const grant = errorOf(() => transition("grant", { approved: {} } as never, "approved" as never, "request" as never, "no.such.labels"));
    expect(translateServerMessage("en", grant)).toContain("“approved”");
  });
});

describe("message keys the code uses", () => {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const usages = scanMessageUsages(root);
  const locales = ["zh-CN", "en"] as const;
  const lookup = (locale: (typeof locales)[number], key: string): unknown =>
    key.split(".").reduce<unknown>((o, p) => (typeof o === "object" && o !== null ? (o as Record<string, unknown>)[p] : undefined), messagesByLocale[locale]);

  it("finds them (the scanner still reads this code)", () => {
    expect(usages.filter((u) => u.kind === "exact").length).toBeGreaterThan(500);
    expect(usages).toContainEqual(expect.objectContaining({ kind: "exact", key: "layout.skipToContent" }));
  });

  it("exist in Chinese and in English", () => {
    const missing = usages.flatMap((u) =>
      u.kind === "exact" ? locales.filter((l) => lookup(l, u.key) === undefined).map((l) => `${u.where} ${u.key} (${l})`) : [],
    );
    expect(missing).toEqual([]);
  });

  it("built from a literal start name a group of messages in both languages", () => {
    const missing = usages.flatMap((u) =>
      u.kind === "prefix" ? locales.filter((l) => typeof lookup(l, u.prefix) !== "object").map((l) => `${u.where} ${u.prefix}.* (${l})`) : [],
    );
    expect(missing).toEqual([]);
  });

  it("that cannot be read from the code are each listed with the reason they are safe", () => {
    const found = [...new Set(usages.flatMap((u) => (u.kind === "unresolved" ? [`${u.where.replace(/:\d+$/, "")} ${u.call}`] : [])))].sort();
    expect(found.filter((f) => !(f in unresolvedAllowed))).toEqual([]);
    // An entry whose call is gone must go too, so the list stays true.
    expect(Object.keys(unresolvedAllowed).filter((a) => !found.includes(a))).toEqual([]);
  });
});

describe("labels of the closed lists the code turns into message keys", () => {
  const has = (key: string) =>
    (["zh-CN", "en"] as const).every(
      (l) =>
        typeof key
          .split(".")
          .reduce<unknown>((o, p) => (typeof o === "object" && o !== null ? (o as Record<string, unknown>)[p] : undefined), messagesByLocale[l]) === "string",
    );

  it("label every value in both languages", () => {
    const agencyKinds = ["legalRepresentative", "mandate", "personalAgent", "window"] as const satisfies ReadonlyArray<Agency["kind"]>;
    const certificateStatuses = ["valid", "expired", "revoked"] as const satisfies readonly CertificateStatus[];
    const expected = [
      ...applicationStatuses.map((s) => `applications.status.application.${s}`),
      ...taskStatuses.map((s) => `applications.status.task.${s}`),
      ...roles.flatMap((r) => [`profile.roles.${r}`, `layout.roles.${r}`]),
      ...agencyKinds.map((k) => `identity.banner.${k}`),
      ...mandateScopes.map((s) => `identity.banner.scope.${s}`),
      ...certificateStatuses.map((s) => `sharing.holder.status.${s}`),
      ...grantStatuses.map((s) => `sharing.office.grantStatus.${s}`),
      ...notificationKinds.flatMap((k) => [`notifications.kinds.${k}.title`, `notifications.kinds.${k}.body`]),
      ...(["enterprise", "citizen"] as const).map((k) => `applications.staff.applicantKind.${k}`),
      ...(["service", "bundle"] as const).map((k) => `applications.staff.kind.${k}`),
      ...(["expired", "revoked", "missing"] as const).map((s) => `validation.material.certificate.${s}`),
      ...(["autoAcceptance", "deemedApprovalOnTimeout", "published"] as const).map((f) => `catalog.admin.${f}`),
      ...documentKinds.flatMap((k) => [`documents.body.${k}`, `documents.kinds.${k}`]),
      ...(["material", "document", "question", "request"] as const).map((k) => `documents.print.itemKind.${k}`),
      ...pauseReasons.map((k) => `review.clocks.pauseKind.${k}`),
      ...extensionStatuses.map((s) => `review.clocks.extensionStatus.${s}`),
      ...commitmentMethods.map((m) => `catalog.commitmentMethods.${m}`),
      ...verificationStatuses.map((s) => `commitments.status.${s}`),
      ...exclusionReasons.map((r) => `commitments.exclusion.${r}`),
    ];
    expect(expected.filter((k) => !has(k))).toEqual([]);
  });
});

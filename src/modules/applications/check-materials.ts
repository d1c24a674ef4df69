import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { keyParam, msg } from "@/lib/message";
import type { Db } from "@/server/db/client";
import type { PlanMaterial } from "../catalog/plan";
import type { Actor } from "../identity/model";
import { readCertificates, type HeldCertificate } from "../sharing/gate";
import { formDataSchema } from "./form-schema";
import { registryFilledFields, type RegistryFilledField } from "./model";
import { commitmentExclusion } from "./ports";
import type { ForeignMaterial } from "./foreign-certificates";
import type { ZMaterialSupply } from "./inputs";
import { uploads } from "./schema";

export interface CheckedMaterials {
  formData: Record<string, string>;
  /** material key → how it is supplied (`committedAt`: a commitment instead, 告知承诺) */
  supplies: Array<{ materialKey: string; uploadId: string | null; certificateId: string | null; committedAt: Date | null; foreignSupplyId?: string | null }>;
  certificatesUsed: HeldCertificate[];
  /** 全程网办: materials supplied by another region's node (`foreign_supplies` ids). */
  foreignUsed: string[];
  /** Form fields taken from a certificate of the registry (see `registryFilledFields`). */
  filledFromRegistry: RegistryFilledField[];
}

/**
 * Checks what the applicant gives against the plan's materials and returns every gap at once as
 * a ZodError (paths `formData.<key>`, `materials.<key>`, `consent`), so the form shows them all.
 * Certificate materials are taken from the registry when a valid one is held, or from what the
 * applicant's region's node supplied (`foreign`); otherwise the applicant must upload instead.
 */
export async function checkMaterials(
  db: Db,
  input: {
    materials: readonly PlanMaterial[];
    formData: Record<string, string>;
    supplied: Record<string, z.infer<typeof ZMaterialSupply>>;
    consent: boolean;
    holderCode: string;
    /** The applicant (enterprise or person) whose uploads may be used. */
    principalId: string;
    /** Who files: reads the applicant's certificates through the gate. */
    reader: Actor;
    applicationId: string;
    today: string;
    /** Only these material keys are checked (a supplement); all when undefined. */
    only?: ReadonlySet<string>;
    /** When a commitment is made (the application's clock). */
    now?: Date;
    /**
     * Fill the form fields the registry holds (`registryFilledFields`), given the certificate types
     * the application issues; not filled when absent (a supplement or a later stage asks again).
     */
    fillFromRegistry?: { issuedTypes: ReadonlyArray<string | null> };
    /**
     * 全程网办: what the applicant's region's node answered for certificate materials this node's
     * registry does not hold (see `obtainForeignCertificates`), by material key.
     */
    foreign?: ReadonlyMap<string, ForeignMaterial>;
  },
): Promise<CheckedMaterials> {
  const issues: z.core.$ZodIssue[] = [];
  const inScope = (key: string) => !input.only || input.only.has(key);
  const materials = input.materials.filter((m) => inScope(m.key));

  const certificateTypes = [...new Set(materials.filter((m) => m.source === "certificate").map((m) => m.certificateType ?? ""))];
  const { certificates: held } = await readCertificates(db, input.reader, {
    holderCode: input.holderCode,
    typeCodes: certificateTypes,
    purpose: { kind: "own", use: "submission", applicationId: input.applicationId },
    today: input.today,
  });
  const heldByType = new Map(held.map((c) => [c.typeCode, c]));

  // A field the registry holds is taken from it, whatever the form sent (the form shows it locked),
  // as long as its certificate is taken from the registry too (not uploaded or committed instead).
  const byRegistry = (typeCode: string) =>
    materials.every((m) => m.source !== "certificate" || m.certificateType !== typeCode || (input.supplied[m.key]?.kind ?? "certificate") === "certificate");
  const filledFromRegistry = input.fillFromRegistry
    ? registryFilledFields(materials, held, input.fillFromRegistry.issuedTypes).filter((f) => byRegistry(f.typeCode))
    : [];
  const filled = new Map(filledFromRegistry.map((f) => [f.key, f.value]));
  const parsed = formDataSchema(materials).safeParse(
    Object.fromEntries(materials.filter((m) => m.source === "formField").map((m) => [m.key, filled.get(m.key) ?? input.formData[m.key] ?? ""])),
  );
  const formData: Record<string, string> = {};
  if (parsed.success) {
    for (const [k, v] of Object.entries(parsed.data)) if (typeof v === "string") formData[k] = v;
  } else {
    for (const issue of parsed.error.issues) issues.push({ ...issue, path: ["formData", ...issue.path] });
  }

  const uploadIds = Object.values(input.supplied).flatMap((s) => (s.kind === "upload" ? [s.uploadId] : []));
  const owned = uploadIds.length
    ? await db
        .select({ id: uploads.id })
        .from(uploads)
        .where(and(inArray(uploads.id, uploadIds), eq(uploads.principalId, input.principalId)))
    : [];
  const ownedIds = new Set(owned.map((u) => u.id));

  // 告知承诺: asked only when the applicant commits to something; the reason (dishonesty list, a
  // broken commitment, risk class D) lands on each committed material, and nothing is written.
  const commits = materials.some((m) => input.supplied[m.key]?.kind === "commitment");
  const excluded = commits ? await commitmentExclusion.get()(db, { holderCode: input.holderCode }, input.today) : null;

  const supplies: CheckedMaterials["supplies"] = [];
  const certificatesUsed: HeldCertificate[] = [];
  const foreignUsed: string[] = [];
  let awaitingConsent = false;
  for (const m of materials) {
    if (m.source === "formField") continue;
    const given = input.supplied[m.key];
    const path = ["materials", m.key];
    if (given?.kind === "upload") {
      if (!ownedIds.has(given.uploadId)) issues.push({ code: "custom", path, message: msg("validation.material.uploadUnknown"), input: given });
      else supplies.push({ materialKey: m.key, uploadId: given.uploadId, certificateId: null, committedAt: null });
      continue;
    }
    if (given?.kind === "commitment") {
      if (!m.commitment) issues.push({ code: "custom", path, message: msg("applications.validation.commitmentNotAllowed"), input: given });
      else if (excluded) issues.push({ code: "custom", path, message: msg(excluded), input: given });
      else supplies.push({ materialKey: m.key, uploadId: null, certificateId: null, committedAt: input.now ?? new Date() });
      continue;
    }
    if (m.source === "certificate") {
      const cert = heldByType.get(m.certificateType ?? "");
      if (cert?.status === "valid") {
        supplies.push({ materialKey: m.key, uploadId: null, certificateId: cert.id, committedAt: null });
        if (!certificatesUsed.some((c) => c.id === cert.id)) certificatesUsed.push(cert);
        continue;
      }
      const foreign = input.foreign?.get(m.key);
      if (foreign?.outcome === "supplied" && foreign.id) {
        supplies.push({ materialKey: m.key, uploadId: null, certificateId: null, committedAt: null, foreignSupplyId: foreign.id });
        foreignUsed.push(foreign.id);
        continue;
      }
      if (foreign?.outcome === "awaitingConsent") {
        awaitingConsent = true;
        continue;
      }
      if (foreign && m.required) {
        // Refused or down is never "no certificate": the form says why and asks for the copy.
        const reason =
          foreign.outcome === "refused"
            ? keyParam(`exchange.refusal.${foreign.reason ?? "malformed"}`)
            : foreign.outcome === "down"
              ? keyParam(`exchange.down.${foreign.reason ?? "unreachable"}`)
              : keyParam(`applications.foreign.notHeldReason.${foreign.reason === "notFound" || !foreign.reason ? "notFound" : "notUsable"}`);
        issues.push({
          code: "custom",
          path,
          message: msg(`applications.validation.foreign.${foreign.outcome}`, { region: keyParam(`applications.foreign.region.${foreign.region}`), reason }),
          input: undefined,
        });
        continue;
      }
      if (m.required) {
        const why = cert ? `validation.material.certificate.${cert.status}` : "validation.material.certificate.missing";
        issues.push({ code: "custom", path, message: msg(why), input: undefined });
      }
      continue;
    }
    if (m.required) issues.push({ code: "custom", path, message: msg("validation.material.missing"), input: undefined });
  }
  if ((certificatesUsed.length > 0 || foreignUsed.length > 0 || awaitingConsent) && !input.consent) {
    issues.push({ code: "custom", path: ["consent"], message: msg("validation.consent"), input: input.consent });
  }
  // ZodRealError, not ZodError: zod 4's ZodError is not an Error, and tRPC keeps only the
  // enumerable fields of a non-Error cause, so its issues (the field errors) would be lost.
  if (issues.length > 0) throw new z.ZodRealError(issues);
  return { formData, supplies, certificatesUsed, foreignUsed, filledFromRegistry };
}

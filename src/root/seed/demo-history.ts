/**
 * Twelve months of generated case history for the demo province (`npm run demo:history`, and once
 * on a fresh `npm start`), so that the service index, the guides' real durations, the disclosure
 * page and the charts show something. Seeded and deterministic: the same seed and end day give the
 * same rows (see `demoHistoryDigest`). Every generated application is marked `applications.demo`,
 * and the run is recorded in `demo_history_runs`.
 *
 * The seed is the composition root's: it writes the modules' tables directly, in bulk and in one
 * transaction, the way the case machines would have left them (the statuses are the machines'
 * own, checked by demo-history.db.test.ts). It writes no audit events, outbox rows or
 * notifications: the history happened before the portal, nobody is to be told about it.
 *
 * What is generated, and what is not:
 * - made-up enterprises ("…示例…有限公司", credit codes built from made-up bodies `MA0DH…`), each
 *   with a business licence issued through the sharing module's registry; natural-person
 *   applicants only among the demo population (no generated ID numbers);
 * - applications over the catalog's services and bundles, online and at the window; tasks per
 *   step with due dates on the official calendar, most decided on time, some late (housing is the
 *   slow department), supplement notices (one, a few two), a few refused at the window, a few
 *   still open at the end (some overdue);
 * - ratings on finished cases (human resources is rated worst), rectification items for the bad
 *   ones (a few answered late, one appealed);
 * - the signed 决定书 of every decision and its 双公示 record, published within 7 working days (a
 *   few late);
 * - then the service index: each past month's snapshot, and a `last30` snapshot for each of the
 *   last 30 days.
 * Not generated: the licences an approval would issue (a decision's 决定书 names none, and its
 * disclosure record is the module's "grant without a licence" form), a citizen's materials (their
 * ID cards are in the registry behind the gate), extensions, countersigns, notifications.
 *
 * Tracking numbers use the sequences 900001–999999 of their division and day: the live counter
 * (`tracking_sequences`) starts at 1 each day and never reaches them. Document numbers likewise use
 * serials from 900001 of their department, kind and year.
 */
import "../effects";
import { createHash, randomUUID } from "node:crypto";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { endOfShanghaiDay, shanghaiDate } from "@/lib/dates";
import { isRatableApplication, type ApplicationAuditAction, type ApplicationEvent, type ApplicationStatus } from "@/modules/applications/model";
import { appendNewStreams } from "@/modules/audit/append-new-streams";
import type { AuditInput } from "@/modules/audit/record-audit";
import { applicationMaterials, applications, supplementNotices, uploads, type NoticeItem } from "@/modules/applications/schema";
import { cachedCalendar } from "@/modules/calendar/load-calendar";
import { addWorkingDays, dueDate, isWorkingDay, workingDaysBetween, type WorkCalendar } from "@/modules/calendar/model";
import { loadApplicationPlan } from "@/modules/catalog/load-application-plan";
import { foldOpenDataCounts } from "@/modules/openData/fold-counts";
import type { ApplicationPlan } from "@/modules/catalog/plan";
import { bundles, services } from "@/modules/catalog/schema";
import { disclosureDueWorkingDays, publicCounterpartName } from "@/modules/disclosure/model";
import { disclosures } from "@/modules/disclosure/schema";
import { documentLegalBases, documentNumber, documentPayload, documentTitles, type DocumentContent } from "@/modules/documents/model";
import { caseDocuments } from "@/modules/documents/schema";
import { buildCreditCode } from "@/modules/identity/credit-code";
import { maskIdNumber } from "@/modules/identity/id-number";
import { normalizeLogin } from "@/modules/identity/model";
import { citizens, departments, entities, users } from "@/modules/identity/schema";
import { rectificationDueWorkingDays, type RatingLevel, type RatingTag, type RectificationStatus } from "@/modules/ratings/model";
import { ratingInvitations, ratings, rectificationItems } from "@/modules/ratings/schema";
import { isDecidedTask, type TaskAuditAction, type TaskEvent, type TaskStatus } from "@/modules/review/model";
import { decisions, reviewTasks, taskPauses } from "@/modules/review/schema";
import { monthOf } from "@/modules/serviceIndex/periods";
import { snapshotIndex } from "@/modules/serviceIndex/snapshot-index";
import { issueCertificate, signAsDepartment, signManyAsDepartments } from "@/modules/sharing/registry";
import { accessQuestions, dataAccessLog, dataResources } from "@/modules/sharing/schema";
import type { PgTable } from "drizzle-orm/pg-core";
import { bulkInsert } from "@/server/db/bulk-insert";
import type { Db } from "@/server/db/client";
import { demoCitizens, demoPeople } from "./demo";
import { demoHistoryRuns } from "./demo-history-schema";
import { supervisionLayer } from "./demo-supervision";
import { mulberry32, type Prng } from "./prng";

export interface DemoHistoryOptions {
  seed: number;
  /** How many months back from the end day (default 12). */
  months: number;
  /** Applications submitted per month (default 70). */
  perMonth: number;
  /** The last moment of the history (default: now). */
  end: Date;
  /** Delete the demo history present and write it again. */
  replace?: boolean;
  /** Write the index snapshots (default true). */
  snapshots?: boolean;
  /**
   * The scale path (`npm run demo:history -- --applications N`, for PostgreSQL): the same cases
   * from the same draws, but written a month at a time in large batches and not kept in memory,
   * with made-up enterprises in proportion to the volume (one per about 40 applications a year),
   * and with the audit events and data-access-log rows the cases would have left.
   */
  scale?: boolean;
  /** Told after each month is written. */
  onProgress?: (p: { month: string; applications: number; rows: number; ms: number }) => void;
}

export const defaultDemoHistory = { seed: 20_260_101, months: 12, perMonth: 70 } as const;

/** The largest month of the scale path (2.4 million applications a year); the demo's own path stops at 2000. */
export const maxScalePerMonth = 200_000;

export interface DemoHistoryResult {
  /** `written`, or `present` when the database already had demo history (nothing changed). */
  status: "written" | "present";
  counts: Record<string, number>;
  digest: string;
  ms: number;
  /** The time the index snapshots took, included in `ms`. */
  snapshotMs: number;
}

/** The departments' characters, so the index ranking and its primary shortfalls say something. */
const departmentProfiles: Record<string, { lateRate: number; speed: number; badRate: number }> = {
  housing: { lateRate: 0.3, speed: 0.95, badRate: 0.06 },
  humanResources: { lateRate: 0.06, speed: 0.6, badRate: 0.22 },
};
const defaultProfile = { lateRate: 0.04, speed: 0.5, badRate: 0.03 };
const profileOf = (code: string) => departmentProfiles[code] ?? defaultProfile;

/**
 * What is applied for, by weight: the bundles and services whose approval has no effect beyond the
 * case (registering, changing or deregistering an enterprise re-issues licences: not generated).
 */
const subjectWeights: ReadonlyArray<readonly [{ kind: "service" | "bundle"; code: string }, number]> = [
  [{ kind: "bundle", code: "openRestaurant" }, 8],
  [{ kind: "bundle", code: "constructionProject" }, 6],
  [{ kind: "bundle", code: "newborn" }, 8],
  [{ kind: "service", code: "sealEngraving" }, 5],
  [{ kind: "service", code: "newTaxpayerSetup" }, 6],
  [{ kind: "service", code: "employerSocialInsurance" }, 5],
  [{ kind: "service", code: "employerHousingFund" }, 7],
  [{ kind: "service", code: "foodBusinessLicensing" }, 4],
  [{ kind: "service", code: "fireSafetyInspection" }, 3],
  [{ kind: "service", code: "drainagePermit" }, 2],
  [{ kind: "service", code: "outdoorSignboardPermit" }, 2],
  [{ kind: "service", code: "landUsePlanningPermit" }, 2],
  [{ kind: "service", code: "environmentalImpactApproval" }, 3],
  [{ kind: "service", code: "residentMedicalInsurance" }, 3],
  [{ kind: "service", code: "socialSecurityCard" }, 2],
  [{ kind: "service", code: "birthMedicalCertificate" }, 2],
];

const enterpriseCities = [
  { division: "130102", city: "石家庄" },
  { division: "130104", city: "石家庄" },
  { division: "130602", city: "保定" },
  { division: "130604", city: "保定" },
  { division: "130203", city: "唐山" },
  { division: "130402", city: "邯郸" },
  { division: "131002", city: "廊坊" },
];
const enterpriseWords = ["星河", "远山", "青禾", "晨光", "泰和", "嘉禾", "明远", "瑞丰", "华锦", "云舒", "安平", "恒信"];
const enterpriseTrades = ["餐饮", "商贸", "建设", "科技", "物流", "食品"];

/**
 * The made-up enterprises of the history: fictional names, codes from made-up bodies (the demo's
 * 24 `MA0DH001…`; the scale path's further ones `MA1…`, numbered in their names too).
 */
export function demoHistoryEnterprises(count = 24) {
  if (!Number.isInteger(count) || count < 1 || count > 99_999) throw new RangeError(`enterprises must be 1…99999: ${count}`);
  return Array.from({ length: count }, (_, i) => {
    const place = enterpriseCities[i % enterpriseCities.length]!;
    const body = i < 24 ? `MA0DH${String(i + 1).padStart(3, "0")}` : `MA1${String(i + 1).padStart(5, "0")}`;
    const word = `${enterpriseWords[i % enterpriseWords.length]}${i < 24 ? "" : String(i + 1)}`;
    return {
      creditCode: buildCreditCode({ authority: "9", category: "1", divisionCode: place.division, organisationBody: body }),
      name: `${place.city}${word}示例${enterpriseTrades[i % enterpriseTrades.length]}有限公司`,
      divisionCode: place.division,
      // Legal representatives: mostly the demo's people who have an account (so they file online).
      legalRepresentative:
        i % 4 === 3 ? demoPeople[4 + (i % (demoPeople.length - 4))]! : demoPeople.find((p) => p.idNumber === demoCitizens[i % demoCitizens.length]!.idNumber)!,
    };
  });
}

/** The demo's 24 enterprises; on the scale path one for about every 40 applications a year. */
function scaleEnterprises(o: DemoHistoryOptions): number {
  return o.scale ? Math.min(99_999, Math.max(24, Math.round((o.perMonth * 12) / 40))) : 24;
}

const queryAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const hour = 3_600_000;

/** An instant on a China day at hh:mm. */
function at(day: string, minutes: number): Date {
  return new Date(endOfShanghaiDay(day).getTime() + 1 - 24 * hour + minutes * 60_000);
}
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/** The working day on or after `day`. */
function workingOnOrAfter(cal: WorkCalendar, day: string): string {
  return isWorkingDay(cal, day) ? day : addWorkingDays(cal, day, 1);
}

type Row<T extends { $inferInsert: unknown }> = T["$inferInsert"];

interface Lookups {
  plans: Array<readonly [ApplicationPlan, number]>;
  departmentById: Map<string, { id: string; code: string; nameZh: string; nameEn: string }>;
  bundleLead: Map<string, string>;
  supplementDays: Map<string, number>;
  reviewersOf: Map<string, string[]>;
  clerkId: string;
  dataOfficeId: string;
  people: Array<{ citizenId: string; idNumber: string; name: string; division: string; userId: string | null }>;
  enterprises: Array<{
    entityId: string;
    creditCode: string;
    name: string;
    division: string;
    userId: string | null;
    licenceId: string | null;
    uploadId: string;
  }>;
  personUploads: Map<string, string>;
}

/**
 * Generates the history into the database (see the file's comment). A database that already has
 * demo history is left as it is (`present`) unless `replace`.
 */
export async function generateDemoHistory(db: Db, options: Partial<DemoHistoryOptions> = {}): Promise<DemoHistoryResult> {
  const o: DemoHistoryOptions = { ...defaultDemoHistory, end: new Date(), ...options };
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 2 ** 31 - 1) throw new RangeError(`seed must be an integer 0…2147483647: ${o.seed}`);
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 36) throw new RangeError(`months must be 1…36: ${o.months}`);
  const maxPerMonth = o.scale ? maxScalePerMonth : 2000;
  if (!Number.isInteger(o.perMonth) || o.perMonth < 1 || o.perMonth > maxPerMonth) throw new RangeError(`per-month must be 1…${maxPerMonth}: ${o.perMonth}`);
  const started = Date.now();
  const [present] = await db.select({ id: applications.id }).from(applications).where(eq(applications.demo, true)).limit(1);
  if (present && !o.replace) {
    const [run] = await db
      .select()
      .from(demoHistoryRuns)
      .orderBy(sql`${demoHistoryRuns.generatedAt} desc`)
      .limit(1);
    return { status: "present", counts: run?.counts ?? {}, digest: run?.digest ?? (await demoHistoryDigest(db)), ms: Date.now() - started, snapshotMs: 0 };
  }
  const [anyService] = await db.select({ id: services.id }).from(services).limit(1);
  if (!anyService) throw new Error("the catalog is empty: seed the demo province first (npm run db:seed)");
  const cal = await cachedCalendar(db, o.end.getTime());
  const [previous] = await db
    .select({ licences: demoHistoryRuns.licences })
    .from(demoHistoryRuns)
    .orderBy(sql`${demoHistoryRuns.generatedAt} desc`)
    .limit(1);

  const counts = await db.transaction(async (tx) => {
    if (present) await deleteDemoHistory(tx);
    const lookups = await prepare(tx, o, previous?.licences ?? {});
    const sim = simulator(o, cal, lookups);
    // The demo path keeps every row for the layers; the scale path only one case of each holder
    // (what the supervision layer reads), so a province-year never sits in memory.
    const all = emptyGenerated();
    const holders = new Map<string, Row<typeof applications>>();
    const counts: Record<string, number> = {};
    for (const first of sim.months) {
      const monthStarted = Date.now();
      const g = sim.month(first);
      let rows = await insertAll(tx, g, o.scale === true);
      const activity = o.scale ? await insertActivity(tx, g, lookups) : {};
      for (const [k, v] of Object.entries({ ...g.counts, ...activity })) {
        counts[k] = (counts[k] ?? 0) + v;
        if (k in activity) rows += v;
      }
      if (o.scale) {
        for (const a of g.applications) if (!holders.has(a.holderCode)) holders.set(a.holderCode, a);
      } else for (const k of Object.keys(all) as Array<keyof Generated>) if (k !== "counts") (all[k] as unknown[]).push(...(g[k] as unknown[]));
      o.onProgress?.({ month: first.slice(0, 7), applications: g.applications.length, rows, ms: Date.now() - monthStarted });
    }
    const history: GeneratedHistory = o.scale
      ? { ...emptyGenerated(), applications: [...holders.values()], counts, end: o.end, calendar: cal }
      : { ...all, counts, end: o.end, calendar: cal };
    // Later layers (credit records, inspections) on top of the cases, each with its own sequence.
    for (const [i, layer] of demoHistoryLayers.entries()) {
      const written = await layer.generate(tx, history, mulberry32((o.seed + 7919 * (i + 1)) >>> 0));
      for (const [k, v] of Object.entries(written)) counts[`${layer.name}.${k}`] = v;
    }
    await tx
      .insert(demoHistoryRuns)
      .values({
        seed: o.seed,
        endOn: shanghaiDate(o.end),
        months: o.months,
        perMonth: o.perMonth,
        counts,
        digest: "",
        licences: Object.fromEntries(lookups.enterprises.flatMap((e) => (e.licenceId ? [[e.creditCode, e.licenceId]] : []))),
        durationMs: 0,
        generatedAt: new Date(),
      });
    return counts;
  });

  // A province-year written at once: the planner's statistics first (autovacuum would get there
  // later), or the index snapshots and the first page views plan on empty tables.
  // The open-data counts the triggers appended, one row per case and change: folded at once.
  await foldOpenDataCounts(db);
  if (o.scale) await db.execute(sql`analyze`);
  const snapshotStarted = Date.now();
  if (o.snapshots !== false) await snapshotHistory(db, o);
  const snapshotMs = Date.now() - snapshotStarted;
  const digest = await demoHistoryDigest(db);
  const ms = Date.now() - started;
  await db.update(demoHistoryRuns).set({ digest, durationMs: ms }).where(eq(demoHistoryRuns.digest, ""));
  return { status: "written", counts, digest, ms, snapshotMs };
}

/** The index as it was published: each past month's snapshot, and `last30` for each of the last 30 days. */
async function snapshotHistory(db: Db, o: DemoHistoryOptions): Promise<void> {
  const endDay = shanghaiDate(o.end);
  let month = monthOf(o.end);
  const months: string[] = [];
  for (let i = 0; i < o.months; i++) {
    const [y, m] = month.split("-").map(Number) as [number, number];
    month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
    months.push(month);
  }
  for (const m of months.reverse()) {
    const [y, mm] = m.split("-").map(Number) as [number, number];
    const next = mm === 12 ? `${y + 1}-01-01` : `${y}-${String(mm + 1).padStart(2, "0")}-01`;
    // The morning after the month: what the daily job would have published then.
    const when = new Date(Math.min(at(next, 2 * 60).getTime(), o.end.getTime()));
    await snapshotIndex(db, when, [m]);
  }
  for (let i = 29; i >= 0; i--) {
    const day = shanghaiDate(new Date(endOfShanghaiDay(endDay).getTime() - i * 86_400_000));
    const when = i === 0 ? o.end : at(day, 23 * 60);
    await snapshotIndex(db, when, ["last30"]);
  }
}

/** Deletes every generated case and what hangs on it (the enterprises, people and licences stay). */
async function deleteDemoHistory(tx: Db): Promise<void> {
  const demoApps = tx.select({ id: applications.id }).from(applications).where(eq(applications.demo, true));
  for (const layer of [...demoHistoryLayers].reverse()) await layer.remove(tx);
  await tx
    .delete(disclosures)
    .where(inArray(disclosures.documentId, tx.select({ id: caseDocuments.id }).from(caseDocuments).where(inArray(caseDocuments.applicationId, demoApps))));
  // The scale path's reads of the cases (and any question about them); its audit events stay, the
  // log being append-only: a replaced history's streams remain, chained, naming cases now gone.
  const demoReads = tx.select({ id: dataAccessLog.id }).from(dataAccessLog).where(inArray(dataAccessLog.applicationId, demoApps));
  await tx.delete(accessQuestions).where(inArray(accessQuestions.logId, demoReads));
  await tx.delete(dataAccessLog).where(inArray(dataAccessLog.applicationId, demoApps));
  await tx.delete(rectificationItems).where(inArray(rectificationItems.applicationId, demoApps));
  await tx.delete(ratings).where(inArray(ratings.applicationId, demoApps));
  await tx.delete(ratingInvitations).where(inArray(ratingInvitations.applicationId, demoApps));
  await tx.delete(caseDocuments).where(inArray(caseDocuments.applicationId, demoApps));
  await tx.delete(decisions).where(inArray(decisions.applicationId, demoApps));
  await tx
    .delete(taskPauses)
    .where(inArray(taskPauses.taskId, tx.select({ id: reviewTasks.id }).from(reviewTasks).where(inArray(reviewTasks.applicationId, demoApps))));
  await tx.delete(reviewTasks).where(inArray(reviewTasks.applicationId, demoApps));
  await tx.delete(supplementNotices).where(inArray(supplementNotices.applicationId, demoApps));
  await tx.delete(applicationMaterials).where(inArray(applicationMaterials.applicationId, demoApps));
  await tx.delete(applications).where(eq(applications.demo, true));
  await tx.delete(demoHistoryRuns).where(sql`true`);
}

async function prepare(tx: Db, o: DemoHistoryOptions, licences: Record<string, string>): Promise<Lookups> {
  const plans: Array<readonly [ApplicationPlan, number]> = [];
  for (const [subject, weight] of subjectWeights) {
    // A subject the province did not publish is left out.
    const plan = await loadApplicationPlan(tx, subject).catch(() => null);
    if (plan) plans.push([plan, weight] as const);
  }
  if (plans.length === 0) throw new Error("the catalog has none of the demo's services: seed the demo province first");
  const deptRows = await tx.select({ id: departments.id, code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn }).from(departments);
  const bundleRows = await tx.select({ id: bundles.id, lead: bundles.leadDepartmentId }).from(bundles);
  const serviceRows = await tx.select({ id: services.id, supplementDays: services.supplementDays }).from(services);
  const staffUsers = await tx
    .select({ id: users.id, login: users.login })
    .from(users)
    .where(inArray(users.role, ["windowClerk", "reviewer", "dataOffice"]))
    .orderBy(asc(users.login));
  const byLogin = new Map(staffUsers.map((u) => [u.login, u.id]));
  const staffId = (login: string) => byLogin.get(normalizeLogin(login));
  const reviewersOf = new Map<string, string[]>();
  for (const d of deptRows) {
    const ids = [staffId(`reviewer.${d.code}`), staffId(`head.${d.code}`)].filter((x): x is string => !!x);
    if (ids.length) reviewersOf.set(d.id, ids);
  }
  const clerkId = staffId("clerk");
  const dataOfficeId = staffId("dataoffice") ?? clerkId;
  if (!clerkId || !dataOfficeId) throw new Error("the demo's window clerk is missing: seed the demo province first");

  // The demo's people, each known to the portal (those without an account are keyed in at the window).
  await tx
    .insert(citizens)
    .values(demoPeople.map((p) => ({ idNumber: p.idNumber, name: p.name })))
    .onConflictDoNothing();
  const citizenRows = await tx
    .select({ id: citizens.id, idNumber: citizens.idNumber, name: citizens.name, userId: citizens.userId })
    .from(citizens)
    .where(
      inArray(
        citizens.idNumber,
        demoPeople.map((p) => p.idNumber),
      ),
    );
  const accountLogins = new Set(demoCitizens.map((c) => normalizeLogin(c.idNumber)));
  const people = demoPeople.flatMap((p) => {
    const c = citizenRows.find((r) => r.idNumber === p.idNumber);
    if (!c) return [];
    const division = p.householdDivisionCode.startsWith("13") ? p.householdDivisionCode : "130102";
    return [{ citizenId: c.id, idNumber: p.idNumber, name: p.name, division, userId: accountLogins.has(normalizeLogin(p.idNumber)) ? c.userId : null }];
  });
  const userOfPerson = new Map(people.map((p) => [p.idNumber, p.userId]));

  // The made-up enterprises, with a business licence each (issued once, kept across replacing runs).
  const generated = demoHistoryEnterprises(scaleEnterprises(o));
  const entityRows: Array<{ id: string; creditCode: string }> = [];
  for (let i = 0; i < generated.length; i += 2000) {
    const chunk = generated.slice(i, i + 2000);
    await tx
      .insert(entities)
      .values(
        chunk.map((e) => ({
          creditCode: e.creditCode,
          name: e.name,
          legalRepresentative: e.legalRepresentative.name,
          legalRepresentativeIdNumber: e.legalRepresentative.idNumber,
          contactName: e.legalRepresentative.name,
          contactPhone: "",
        })),
      )
      .onConflictDoNothing();
    entityRows.push(
      ...(await tx
        .select({ id: entities.id, creditCode: entities.creditCode })
        .from(entities)
        .where(
          inArray(
            entities.creditCode,
            chunk.map((e) => e.creditCode),
          ),
        )),
    );
  }
  const entityByCode = new Map(entityRows.map((r) => [r.creditCode, r]));
  const enterprises: Lookups["enterprises"] = [];
  const personUploads = new Map<string, string>();
  const uploadRows: Array<Row<typeof uploads>> = [];
  const placeholder = Buffer.from("%PDF-1.4\n% Tongban demo history: a placeholder for an uploaded material.\n%%EOF\n");
  const sha = createHash("sha256").update(placeholder).digest("hex");
  for (const e of generated) {
    const entity = entityByCode.get(e.creditCode);
    if (!entity) continue;
    let licenceId = licences[e.creditCode] ?? null;
    if (!licenceId) {
      const issued = await issueCertificate(tx, {
        typeCode: "businessLicence",
        holderCode: e.creditCode,
        holderName: e.name,
        answers: { entityType: "limitedLiabilityCompany" },
        facts: { legalRepresentative: e.legalRepresentative.name, legalRepresentativeIdNumber: e.legalRepresentative.idNumber },
        sourceApplicationId: null,
        issuedOn: "2024-03-01",
      }).catch(() => null);
      licenceId = issued?.id ?? null;
    }
    const filer = userOfPerson.get(e.legalRepresentative.idNumber) ?? null;
    const uploadId = randomUUID();
    uploadRows.push({
      id: uploadId,
      ownerUserId: filer ?? clerkId,
      principalId: entity.id,
      fileName: "示例材料.pdf",
      mediaType: "application/pdf",
      sizeBytes: placeholder.length,
      sha256: sha,
      content: placeholder,
    });
    enterprises.push({ entityId: entity.id, creditCode: e.creditCode, name: e.name, division: e.divisionCode, userId: filer, licenceId, uploadId });
  }
  for (const p of people) {
    const uploadId = randomUUID();
    personUploads.set(p.citizenId, uploadId);
    uploadRows.push({
      id: uploadId,
      ownerUserId: p.userId ?? clerkId,
      principalId: p.citizenId,
      fileName: "示例材料.pdf",
      mediaType: "application/pdf",
      sizeBytes: placeholder.length,
      sha256: sha,
      content: placeholder,
    });
  }
  for (let i = 0; i < uploadRows.length; i += 2000) await tx.insert(uploads).values(uploadRows.slice(i, i + 2000));

  return {
    plans,
    departmentById: new Map(deptRows.map((d) => [d.id, d])),
    bundleLead: new Map(bundleRows.map((b) => [b.id, b.lead])),
    supplementDays: new Map(serviceRows.map((s) => [s.id, s.supplementDays])),
    reviewersOf,
    clerkId,
    dataOfficeId,
    people,
    enterprises,
    personUploads,
  };
}

/**
 * What the history generated, in memory (rows as inserted), for the layers built on it.
 */
export interface GeneratedHistory extends Generated {
  end: Date;
  calendar: WorkCalendar;
}

/**
 * A layer of demo history on top of the cases (issue 13: credit records, inspections): `generate`
 * runs in the history's transaction after the cases are written, with its own seeded sequence
 * (so adding a layer does not change the cases), and returns its counts; `remove` deletes what it
 * wrote when the history is replaced (before the cases are deleted). Register it in
 * `demoHistoryLayers`.
 */
export interface DemoHistoryLayer {
  name: string;
  generate(tx: Db, history: GeneratedHistory, rng: Prng): Promise<Record<string, number>>;
  remove(tx: Db): Promise<void>;
}
export const demoHistoryLayers: DemoHistoryLayer[] = [supervisionLayer];

interface Generated {
  applications: Array<Row<typeof applications>>;
  materials: Array<Row<typeof applicationMaterials>>;
  tasks: Array<Row<typeof reviewTasks>>;
  pauses: Array<Row<typeof taskPauses>>;
  decisions: Array<Row<typeof decisions>>;
  notices: Array<Row<typeof supplementNotices>>;
  documents: Array<{
    row: Omit<Row<typeof caseDocuments>, "signature" | "signingKeyId" | "signedAt">;
    issuerCode: string;
    at: Date;
    publishOn: string | null;
    departmentId: string;
  }>;
  ratings: Array<Row<typeof ratings>>;
  rectifications: Array<Row<typeof rectificationItems>>;
  counts: Record<string, number>;
}

interface TaskSim {
  id: string;
  key: string;
  departmentId: string;
  start: Date | null;
  due: Date | null;
  dueProvisional: boolean;
  decidedAt: Date | null;
  status: TaskStatus;
  claimedAt: Date | null;
  /** Whether a reviewer holds or held it (claimed, asked, decided). */
  claimed: boolean;
  reviewer: string;
}

/** No rows yet. */
function emptyGenerated(): Generated {
  return { applications: [], materials: [], tasks: [], pauses: [], decisions: [], notices: [], documents: [], ratings: [], rectifications: [], counts: {} };
}

/** What a month's rows count (summed over the months, the history's counts). */
function countsOf(g: Generated): Record<string, number> {
  const counts: Record<string, number> = {
    applications: g.applications.length,
    tasks: g.tasks.length,
    decisions: g.decisions.length,
    supplementNotices: g.notices.length,
    materials: g.materials.length,
    documents: g.documents.length,
    disclosures: g.documents.filter((d) => d.publishOn).length,
    ratings: g.ratings.length,
    rectifications: g.rectifications.length,
  };
  for (const a of g.applications) counts[`status.${a.status}`] = (counts[`status.${a.status}`] ?? 0) + 1;
  return counts;
}

/**
 * Pure: the rows of the history, from the seed, the calendar and what the catalog holds, a month
 * at a time (`month` must be called for each of `months` in order: the draws run on from one
 * month to the next, so the months together are the same rows however they are written).
 */
function simulator(o: DemoHistoryOptions, cal: WorkCalendar, l: Lookups): { months: string[]; month: (first: string) => Generated } {
  const rng = mulberry32(o.seed);
  let out: Generated = emptyGenerated();
  const endDay = shanghaiDate(o.end);
  const end = o.end;
  const sequences = new Map<string, number>();
  const docSerials = new Map<string, number>();
  let appealed = false;
  // At least one rectification answered late, whatever the draws: the data office's late list has something to show.
  let answeredLate = false;

  // The months of the history: `months` full months before the end's month, then the end's month so far.
  const [ey, em] = monthOf(o.end).split("-").map(Number) as [number, number];
  const monthStarts: string[] = [];
  for (let i = o.months; i >= 0; i--) {
    const idx = ey * 12 + (em - 1) - i;
    monthStarts.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, "0")}-01`);
  }
  return { months: monthStarts, month };

  function month(first: string): Generated {
    out = emptyGenerated();
    const days: string[] = [];
    for (let d = workingOnOrAfter(cal, first); d.slice(0, 7) === first.slice(0, 7) && d <= endDay; d = addWorkingDays(cal, d, 1)) days.push(d);
    if (days.length === 0) return out;
    // The current month gets its share so far.
    const n = first.slice(0, 7) === monthOf(o.end) ? Math.round((o.perMonth * days.length) / 21) : o.perMonth;
    const submissions = Array.from({ length: n }, () => ({ day: rng.pick(days), minutes: rng.int(8 * 60 + 30, 17 * 60) })).sort(
      (a, b) => a.day.localeCompare(b.day) || a.minutes - b.minutes,
    );
    for (const s of submissions) {
      const submittedAt = at(s.day, s.minutes);
      if (submittedAt.getTime() > end.getTime()) continue;
      simulateCase(submittedAt, s.day);
    }
    out.counts = countsOf(out);
    return out;
  }

  function simulateCase(submittedAt: Date, day: string) {
    const plan = rng.weighted(l.plans);
    const asEnterprise = plan.applicantKinds.includes("enterprise") && (!plan.applicantKinds.includes("citizen") || rng.chance(0.7));
    const enterprise = asEnterprise ? rng.pick(l.enterprises) : null;
    const person = asEnterprise ? null : rng.pick(l.people);
    const division = enterprise?.division ?? person!.division;
    const filer = enterprise?.userId ?? person?.userId ?? null;
    const online = filer !== null && rng.chance(0.85);
    const seqKey = `${division}:${day}`;
    const seq = (sequences.get(seqKey) ?? 900_000) + 1;
    sequences.set(seqKey, seq);
    const trackingNumber = `${division}${day.replaceAll("-", "")}${String(seq).padStart(6, "0")}`;
    const queryCode = Array.from({ length: 8 }, () => rng.pick(queryAlphabet.split(""))).join("");
    const appId = randomUUID();
    // This case's tasks and decisions are the last ones written (so no search over the others).
    const taskStart = out.tasks.length;
    const decisionStart = out.decisions.length;
    const app: Row<typeof applications> = {
      id: appId,
      trackingNumber,
      queryCode,
      filedByUserId: online ? filer! : l.clerkId,
      filedAs: online ? (enterprise ? "legalRepresentative" : "self") : "window",
      applicantKind: enterprise ? "enterprise" : "citizen",
      entityId: enterprise?.entityId ?? null,
      personId: person?.citizenId ?? null,
      holderCode: enterprise?.creditCode ?? person!.idNumber,
      applicantName: enterprise?.name ?? person!.name,
      serviceId: plan.kind === "service" ? plan.id : null,
      bundleId: plan.kind === "bundle" ? plan.id : null,
      titleZh: plan.nameZh,
      titleEn: plan.nameEn,
      status: "submitted",
      version: 1,
      idempotencyKey: `demo-history:${trackingNumber}`,
      formData: {},
      plan: plan.steps,
      planForm: { materials: plan.materials, situations: plan.situations },
      situations: {},
      divisionCode: division,
      consentedAt: submittedAt,
      submittedAt,
      acceptanceDueAt: endOfShanghaiDay(addWorkingDays(cal, day, 5)),
      demo: true,
      createdAt: submittedAt,
      updatedAt: submittedAt,
    };
    out.applications.push(app);
    let version = 1;
    let status = "submitted" as ApplicationStatus;
    const move = (to: ApplicationStatus, when: Date) => {
      status = to;
      version++;
      app.updatedAt = when;
    };

    // Materials: the enterprise's licence from the registry; some documents uploaded.
    for (const m of plan.materials) {
      if (m.source === "certificate" && m.certificateType === "businessLicence" && enterprise?.licenceId) {
        out.materials.push({ applicationId: appId, materialKey: m.key, certificateId: enterprise.licenceId, updatedAt: submittedAt });
      } else if (m.source === "upload" && rng.chance(0.25)) {
        out.materials.push({
          applicationId: appId,
          materialKey: m.key,
          uploadId: enterprise?.uploadId ?? l.personUploads.get(person!.citizenId)!,
          updatedAt: submittedAt,
        });
      }
    }

    // The window: a few refused, the rest accepted (automatically where the catalog allows).
    const windowDay = addWorkingDays(cal, day, rng.int(0, 2));
    if (!plan.autoAcceptance && rng.chance(0.03)) {
      const when = later(at(windowDay, rng.int(9 * 60, 17 * 60)), new Date(submittedAt.getTime() + hour));
      if (when.getTime() <= end.getTime()) {
        move("notAccepted", when);
        app.refusalReason = "申请事项依法不属于本机关职权范围（演示数据）";
        app.acceptedBy = l.clerkId;
      }
      return finish();
    }
    const acceptedAt = plan.autoAcceptance
      ? new Date(submittedAt.getTime() + 5 * 60_000)
      : later(at(windowDay, rng.int(9 * 60, 17 * 60)), new Date(submittedAt.getTime() + hour));
    if (acceptedAt.getTime() > end.getTime()) return finish();
    move("inReview", acceptedAt);
    app.acceptedAt = acceptedAt;
    app.acceptedBy = plan.autoAcceptance ? null : l.clerkId;

    // Supplements: one notice for some cases, two for a few, asked by a step of the first wave.
    const noticeCount = rng.weighted([
      [0, 80],
      [1, 16],
      [2, 4],
    ] as const);
    const firstWave = plan.steps.filter((s) => s.needs.length === 0);
    const asker = noticeCount > 0 ? rng.pick(firstWave) : null;
    // A denial only where no notice is pending (a denial would cancel the notice's task).
    const denier = rng.chance(0.06) && noticeCount === 0 ? rng.pick(plan.steps) : null;

    const sims = new Map<string, TaskSim>();
    let denied: { at: Date; key: string; departmentId: string } | null = null;
    const order = topological(plan.steps);
    for (const step of order) {
      const department = l.departmentById.get(step.departmentId);
      const profile = profileOf(department?.code ?? "");
      const reviewer = rng.pick(l.reviewersOf.get(step.departmentId) ?? [l.clerkId]);
      const id = randomUUID();
      const needs = step.needs.map((k) => sims.get(k)!);
      const sim: TaskSim = {
        id,
        key: step.key,
        departmentId: step.departmentId,
        start: null,
        due: null,
        dueProvisional: false,
        decidedAt: null,
        status: "waiting",
        claimedAt: null,
        claimed: false,
        reviewer,
      };
      sims.set(step.key, sim);
      const blocked = denied !== null || needs.some((n) => n.status !== "approved");
      const start = blocked ? null : needs.length ? new Date(Math.max(...needs.map((n) => n.decidedAt!.getTime())) + 60_000) : acceptedAt;
      if (start && start.getTime() <= end.getTime()) {
        sim.start = start;
        const pauses: Array<{ from: Date; to: Date | null }> = [];
        let resumeAt = start;
        let waitingForApplicant = false;
        if (step === asker) {
          for (let k = 0; k < noticeCount && !waitingForApplicant; k++) {
            const askDay = addWorkingDays(cal, shanghaiDate(resumeAt), rng.int(1, 3));
            const askAt = later(at(askDay, rng.int(9 * 60, 17 * 60)), new Date(resumeAt.getTime() + hour));
            if (askAt.getTime() > end.getTime()) break;
            const answerAt = later(at(addWorkingDays(cal, askDay, rng.int(1, 6)), rng.int(8 * 60, 22 * 60)), new Date(askAt.getTime() + hour));
            const open = answerAt.getTime() > end.getTime();
            pauses.push({ from: askAt, to: open ? null : answerAt });
            const dueDays = l.supplementDays.get(step.serviceId) ?? 10;
            const material = plan.materials.find((m) => m.source === "upload") ?? plan.materials[0];
            const item: NoticeItem = {
              kind: "material",
              departmentId: step.departmentId,
              taskId: id,
              materialKeys: material ? [material.key] : [],
              text: "材料内容不完整，请补正（演示数据）",
              legalBasis: material?.legalBasis ?? null,
            };
            out.decisions.push({
              taskId: id,
              applicationId: appId,
              departmentId: step.departmentId,
              outcome: "supplementRequested",
              reason: item.text,
              items: [item],
              decidedBy: reviewer,
              decidedAt: askAt,
            });
            out.notices.push({
              applicationId: appId,
              stage: "review",
              items: [item],
              issuedAt: askAt,
              dueDays,
              dueAt: endOfShanghaiDay(addWorkingDays(cal, askDay, dueDays)),
              completedAt: open ? null : answerAt,
              completedBy: open ? null : online ? filer : l.clerkId,
            });
            version += 2;
            if (open) {
              waitingForApplicant = true;
              move("supplementRequired", askAt);
            } else resumeAt = answerAt;
          }
        }
        for (const p of pauses) out.pauses.push({ taskId: id, reason: "supplement", startedAt: p.from, endedAt: p.to });
        const due = dueDate(cal, { startedAt: start, budgetDays: step.promisedDays, pauses }, end);
        sim.due = due.at;
        sim.dueProvisional = due.provisional;
        sim.claimedAt = new Date(start.getTime() + rng.int(10, 240) * 60_000);
        sim.claimed = true;
        const dueDay = shanghaiDate(due.at);
        let decideDay: string;
        if (rng.chance(profile.lateRate)) decideDay = addWorkingDays(cal, dueDay, rng.int(1, 4));
        else {
          const span = Math.max(0, workingDaysBetween(cal, shanghaiDate(resumeAt), dueDay));
          decideDay = addWorkingDays(cal, shanghaiDate(resumeAt), Math.min(span, Math.floor(rng.next() * (span * profile.speed + 1))));
        }
        let decidedAt = at(decideDay, rng.int(9 * 60, 17 * 60 + 30));
        if (decidedAt.getTime() <= resumeAt.getTime()) decidedAt = new Date(resumeAt.getTime() + rng.int(30, 180) * 60_000);
        if (waitingForApplicant) {
          sim.status = "supplementRequested";
        } else if (decidedAt.getTime() > end.getTime()) {
          sim.status = sim.claimedAt.getTime() <= end.getTime() && rng.chance(0.7) ? "claimed" : "open";
          if (sim.status === "open") {
            sim.claimedAt = null;
            sim.claimed = false;
          }
        } else if (denier === step) {
          sim.status = "denied";
          sim.decidedAt = decidedAt;
          denied = { at: decidedAt, key: step.key, departmentId: step.departmentId };
        } else {
          sim.status = "approved";
          sim.decidedAt = decidedAt;
        }
      }
      out.tasks.push({
        id,
        applicationId: appId,
        stepKey: step.key,
        serviceId: step.serviceId,
        departmentId: step.departmentId,
        status: sim.status,
        version: 1,
        budgetDays: step.promisedDays,
        clockStartedAt: sim.start,
        dueAt: sim.due,
        dueProvisional: sim.dueProvisional,
        claimedBy: sim.claimed ? sim.reviewer : null,
        claimedAt: sim.claimed ? sim.claimedAt : null,
        decidedBy: sim.decidedAt ? sim.reviewer : null,
        decidedAt: sim.decidedAt,
        reason: sim.status === "denied" ? "经审查，申请不符合法定条件（演示数据）" : null,
        createdAt: acceptedAt,
      });
      if (sim.decidedAt) {
        out.decisions.push({
          taskId: id,
          applicationId: appId,
          departmentId: step.departmentId,
          outcome: sim.status === "denied" ? "denied" : "approved",
          reason: sim.status === "denied" ? "经审查，申请不符合法定条件（演示数据）" : null,
          decidedBy: sim.reviewer,
          decidedAt: sim.decidedAt,
        });
      }
    }

    // A denial cancels what was still undecided (decided after it, or not started).
    if (denied) {
      for (const t of out.tasks.slice(taskStart)) {
        if (t.status === "denied") continue;
        if (t.status === "approved" && t.decidedAt! <= denied.at) continue;
        let decision = -1;
        for (let i = decisionStart; i < out.decisions.length && decision < 0; i++)
          if (out.decisions[i]!.taskId === t.id && out.decisions[i]!.outcome === "approved") decision = i;
        if (decision >= 0) out.decisions.splice(decision, 1);
        t.status = "cancelled";
        t.decidedAt = null;
        t.decidedBy = null;
      }
      move("denied", denied.at);
      app.decidedAt = denied.at;
      decisionDocument("denialDecision", denied.departmentId, denied.at, plan);
      rate(denied.at);
      return finish();
    }
    const all = [...sims.values()];
    if (status === "inReview" && all.every((t) => t.status === "approved")) {
      const decidedAt = new Date(Math.max(...all.map((t) => t.decidedAt!.getTime())));
      move("approved", decidedAt);
      app.decidedAt = decidedAt;
      const lead = (plan.kind === "bundle" ? l.bundleLead.get(plan.id) : undefined) ?? plan.steps[0]!.departmentId;
      decisionDocument("approvalDecision", lead, decidedAt, plan);
      const completedAt = new Date(decidedAt.getTime() + rng.int(5, 90) * 60_000);
      if (completedAt.getTime() <= end.getTime()) {
        move("completed", completedAt);
        app.completedAt = completedAt;
        rate(completedAt);
      }
    }
    return finish();

    function finish() {
      app.status = status;
      app.version = version;
    }

    function decisionDocument(kind: "approvalDecision" | "denialDecision", departmentId: string, when: Date, p: ApplicationPlan) {
      const issuer = l.departmentById.get(departmentId)!;
      const year = Number(shanghaiDate(when).slice(0, 4));
      const serialKey = `${issuer.code}:${kind}:${year}`;
      const serial = (docSerials.get(serialKey) ?? 900_000) + 1;
      docSerials.set(serialKey, serial);
      const isPerson = !enterprise;
      const stepOf = (s: ApplicationPlan["steps"][number]) => {
        const d = l.departmentById.get(s.departmentId);
        return { service: { zh: s.serviceNameZh, en: s.serviceNameEn }, department: { zh: d?.nameZh ?? "", en: d?.nameEn ?? "" } };
      };
      const content: DocumentContent = {
        title: documentTitles[kind],
        trackingNumber,
        subject: { zh: p.nameZh, en: p.nameEn },
        applicantName: app.applicantName,
        applicantCode: isPerson ? maskIdNumber(app.holderCode) : app.holderCode,
        applicantIsPerson: isPerson,
        issuer: { zh: issuer.nameZh, en: issuer.nameEn },
        legalBasis: documentLegalBases[kind],
        issuedOn: shanghaiDate(when),
        submittedOn: shanghaiDate(submittedAt),
        reason: kind === "denialDecision" ? "经审查，申请不符合法定条件（演示数据）" : null,
        items: [],
        deadline: null,
        steps: kind === "approvalDecision" ? p.steps.map(stepOf) : p.steps.filter((s) => s.departmentId === departmentId).map(stepOf),
        certificates: [],
        limits: null,
        remedies: null,
      };
      const decidedOn = shanghaiDate(when);
      const late = rng.chance(0.04);
      const publishOn = addWorkingDays(cal, decidedOn, late ? rng.int(disclosureDueWorkingDays + 1, disclosureDueWorkingDays + 4) : rng.int(1, 5));
      out.documents.push({
        row: { id: randomUUID(), number: documentNumber(kind, issuer.code, year, serial), kind, applicationId: appId, issuerDepartmentId: issuer.id, content },
        issuerCode: issuer.code,
        at: when,
        publishOn: publishOn <= endDay ? publishOn : null,
        departmentId: issuer.id,
      });
    }

    function rate(finishedAt: Date) {
      if (!rng.chance(0.6)) return;
      const ratedAt = new Date(finishedAt.getTime() + rng.int(1, 72) * hour);
      if (ratedAt.getTime() > end.getTime()) return;
      const rater = online ? filer! : null;
      if (!rater) return;
      const decidedDepartments = [
        ...new Set(
          out.tasks
            .slice(taskStart)
            .filter((t) => isDecidedTask(t.status!))
            .map((t) => t.departmentId),
        ),
      ];
      const levelFor = (badRate: number): RatingLevel =>
        rng.chance(badRate)
          ? rng.pick(["dissatisfied", "veryDissatisfied"] as const)
          : rng.weighted([
              ["verySatisfied", 60],
              ["satisfied", 28],
              ["basicallySatisfied", 12 + (status === "denied" ? 20 : 0)],
            ] as const);
      const levels: RatingLevel[] = [];
      for (const departmentId of decidedDepartments) {
        const code = l.departmentById.get(departmentId)?.code ?? "";
        const level = levelFor(profileOf(code).badRate);
        levels.push(level);
        const ratingId = randomUUID();
        const bad = level === "dissatisfied" || level === "veryDissatisfied";
        const tags: RatingTag[] = bad ? [rng.pick(["speed", "attitude", "guideAccuracy", "convenience"] as const)] : [];
        out.ratings.push({
          id: ratingId,
          applicationId: appId,
          departmentId,
          level,
          tags,
          comment: bad ? "办理时间较长，沟通不够及时（演示数据）" : "",
          ratedBy: rater,
          firstRatedAt: ratedAt,
          updatedAt: ratedAt,
        });
        if (bad) rectify(ratingId, departmentId, ratedAt);
      }
      const overall = levels.length ? levels[Math.floor(rng.next() * levels.length)]! : levelFor(defaultProfile.badRate);
      out.ratings.push({
        applicationId: appId,
        departmentId: null,
        level: overall,
        tags: [],
        comment: "",
        ratedBy: rater,
        firstRatedAt: ratedAt,
        updatedAt: ratedAt,
      });
    }

    function rectify(ratingId: string, departmentId: string, openedAt: Date) {
      const openedOn = shanghaiDate(openedAt);
      const dueOn = addWorkingDays(cal, openedOn, rectificationDueWorkingDays);
      const reviewer = l.reviewersOf.get(departmentId)?.at(-1) ?? l.clerkId;
      const late = rng.chance(0.12) || !answeredLate;
      const answeredOn = late ? addWorkingDays(cal, dueOn, rng.int(1, 3)) : addWorkingDays(cal, openedOn, rng.int(1, rectificationDueWorkingDays));
      const answeredAt = at(answeredOn, rng.int(9 * 60, 17 * 60));
      const answered = answeredAt.getTime() <= end.getTime();
      let status: RectificationStatus = answered ? "answered" : "open";
      if (answered && late) answeredLate = true;
      const item: Row<typeof rectificationItems> = { ratingId, applicationId: appId, departmentId, status, openedAt, openedOn, dueOn };
      if (answered) {
        const justified = rng.chance(0.6);
        Object.assign(item, {
          classification: justified ? "justified" : "notJustified",
          classificationReason: justified ? "经核实，办理过程中沟通不及时" : "经核实，办理时限内已按规定告知",
          reply: "感谢您的评价，我们已核实情况并改进（演示数据）",
          changes: justified ? "已调整受理后电话告知流程" : "已向申请人说明办理要求",
          answeredBy: reviewer,
          answeredAt,
          answeredOn,
        });
        // One appeal in the history, decided by the data office.
        const appealAt = new Date(answeredAt.getTime() + 2 * 24 * hour);
        const decidedAt = new Date(appealAt.getTime() + 3 * 24 * hour);
        if (!appealed && decidedAt.getTime() <= end.getTime()) {
          appealed = true;
          status = "appealDismissed";
          Object.assign(item, {
            appealReason: "答复未说明具体改进措施（演示数据）",
            appealedAt: appealAt,
            appealDecision: "dismissAppeal",
            appealDecisionReason: "部门答复已说明改进措施，申诉不成立（演示数据）",
            appealDecidedBy: l.dataOfficeId,
            appealDecidedAt: decidedAt,
            version: 3,
          });
        } else item.version = 2;
        item.status = status;
      }
      out.rectifications.push(item);
    }
  }
}

/** The steps in an order where each comes after the steps it needs. */
function topological<S extends { key: string; needs: string[] }>(steps: readonly S[]): S[] {
  const done = new Set<string>();
  const out: S[] = [];
  while (out.length < steps.length) {
    const next = steps.filter((s) => !done.has(s.key) && s.needs.every((n) => done.has(n)));
    if (next.length === 0) throw new Error("the plan's steps form a cycle");
    for (const s of next) {
      done.add(s.key);
      out.push(s);
    }
  }
  return out;
}

/**
 * Writes a month's rows: in multi-row inserts of up to 400 rows (the demo's path), or `bulk` in
 * large JSON-carried statements (the scale path, `bulkInsert`); returns how many rows it wrote.
 */
async function insertAll(tx: Db, g: Generated, bulk: boolean): Promise<number> {
  let written = 0;
  const write = async <T extends PgTable>(table: T, rows: Array<T["$inferInsert"]>) => {
    if (bulk) await bulkInsert(tx, table, rows);
    else for (let i = 0; i < rows.length; i += 400) await tx.insert(table).values(rows.slice(i, i + 400));
    written += rows.length;
  };
  await write(applications, g.applications);
  await write(applicationMaterials, g.materials);
  await write(reviewTasks, g.tasks);
  await write(taskPauses, g.pauses);
  await write(decisions, g.decisions);
  await write(supplementNotices, g.notices);
  await write(ratings, g.ratings);
  await write(rectificationItems, g.rectifications);
  // Finished cases count as invited to rate when they finished: the ratings job invites only what
  // it has not, and must not send the demo's people a year of invitations at the first start.
  const invited = g.applications.filter((a) => isRatableApplication(a.status!)).map((a) => ({ applicationId: a.id!, invitedAt: a.updatedAt! }));
  await write(ratingInvitations, invited);

  // The 决定书, each signed by its department's key like any other document, then its 双公示 record.
  const cal = await cachedCalendar(tx);
  const docRows: Array<Row<typeof caseDocuments>> = [];
  const disclosureRows: Array<Row<typeof disclosures>> = [];
  const basisOf = new Map((await tx.select({ id: services.id, legalBasis: services.legalBasis }).from(services)).map((s) => [s.id, s.legalBasis]));
  const planOf = new Map(g.applications.map((a) => [a.id!, a.plan]));
  const payloadOf = (d: Generated["documents"][number]) => (signedAt: Date) =>
    documentPayload({
      number: d.row.number,
      kind: d.row.kind,
      applicationId: d.row.applicationId,
      issuerDepartmentCode: d.issuerCode,
      signedAt,
      content: d.row.content,
    });
  // The scale path opens each department's key once for the month; the demo's signs one by one.
  const signatures = bulk
    ? await signManyAsDepartments(
        tx,
        g.documents.map((d) => ({ departmentId: d.departmentId, payloadAt: payloadOf(d), now: d.at })),
      )
    : null;
  for (const [i, d] of g.documents.entries()) {
    const signed = signatures?.[i] ?? (await signAsDepartment(tx, d.departmentId, payloadOf(d), d.at));
    docRows.push({ ...d.row, signature: signed.signature, signingKeyId: signed.keyId, signedAt: signed.signedAt, createdAt: d.at });
    if (!d.publishOn) continue;
    const c = d.row.content;
    const approval = d.row.kind === "approvalDecision";
    const firstService = planOf.get(d.row.applicationId)?.[0]?.serviceId;
    const publishedAt = at(d.publishOn, 10 * 60);
    disclosureRows.push({
      documentId: d.row.id!,
      kind: approval ? "approval" : "denial",
      decisionNumber: d.row.number,
      counterpartName: publicCounterpartName(c.applicantName, c.applicantIsPerson),
      counterpartCode: c.applicantIsPerson ? null : c.applicantCode,
      counterpartIsPerson: c.applicantIsPerson,
      // A grant that issued no licence: one record without a licence (as publish-decisions.ts writes it).
      contentZh: approval ? `准予行政许可：${c.subject.zh}` : `不予行政许可：${c.subject.zh}`,
      contentEn: approval ? `Licence granted: ${c.subject.en}` : `Licence refused: ${c.subject.en}`,
      decidedOn: c.issuedOn,
      validFrom: approval ? c.issuedOn : null,
      departmentId: d.departmentId,
      legalBasis: (firstService && basisOf.get(firstService)) ?? c.legalBasis.zh,
      dueOn: addWorkingDays(cal, c.issuedOn, disclosureDueWorkingDays),
      publishedAt,
      publishedOn: d.publishOn,
      updatedAt: publishedAt,
    });
  }
  await write(caseDocuments, docRows);
  await write(disclosures, disclosureRows);
  return written;
}

/**
 * The scale path's trail of each month's cases: the audit events their status changes would have
 * written (one stream per case, chained and keyed like any other) and the data-access-log rows of
 * the reads of an enterprise's business licence (at submission by the filer, at the window by the
 * clerk, in review by each department's reviewer). Derived from the rows, drawing nothing: the
 * cases are the same with or without it. Not in the digest.
 */
async function insertActivity(tx: Db, g: Generated, l: Lookups): Promise<Record<string, number>> {
  const group = <T, K>(rows: T[], key: (r: T) => K) => {
    const m = new Map<K, T[]>();
    for (const r of rows) {
      const list = m.get(key(r));
      if (list) list.push(r);
      else m.set(key(r), [r]);
    }
    return m;
  };
  const tasksOf = group(g.tasks, (t) => t.applicationId);
  const noticesOf = group(g.notices, (n) => n.applicationId);
  const asksOf = group(
    g.decisions.filter((d) => d.outcome === "supplementRequested"),
    (d) => d.taskId,
  );
  const licenceOf = new Map(g.materials.filter((m) => m.certificateId).map((m) => [m.applicationId, m.certificateId!]));
  const [resource] = await tx
    .select({ id: dataResources.id, legalBasis: dataResources.legalBasis })
    .from(dataResources)
    .where(eq(dataResources.certificateTypeCode, "businessLicence"))
    .limit(1);
  const clerk = { userId: l.clerkId, role: "windowClerk" };
  type Event = AuditInput<ApplicationAuditAction | TaskAuditAction> & { at: Date };
  const events: Event[] = [];
  const reads: Array<Row<typeof dataAccessLog>> = [];
  for (const a of g.applications) {
    const own: Event[] = [];
    const filer = a.filedAs === "window" ? clerk : { userId: a.filedByUserId!, role: a.applicantKind === "enterprise" ? "enterprise" : "citizen" };
    const app = (event: ApplicationEvent, from: ApplicationStatus, to: ApplicationStatus, at: Date, actor: Event["actor"]) =>
      own.push({ streamId: a.id!, actor, action: `application.${event}`, entityType: "application", entityId: a.id!, from, to, at });
    const tasks = tasksOf.get(a.id!) ?? [];
    const reviewerOf = (t: Row<typeof reviewTasks>) => (t.claimedBy ? { userId: t.claimedBy, role: "reviewer" } : null);
    app("submit", "draft", "submitted", a.submittedAt!, filer);
    if (a.status === "notAccepted") app("refuse", "submitted", "notAccepted", a.updatedAt!, clerk);
    if (a.acceptedAt) app("accept", "submitted", "inReview", a.acceptedAt, a.acceptedBy ? clerk : null);
    for (const t of tasks) {
      const task = (event: TaskEvent, from: TaskStatus, to: TaskStatus, at: Date, actor: Event["actor"]) =>
        own.push({ streamId: a.id!, actor, action: `task.${event}`, entityType: "reviewTask", entityId: t.id!, from, to, at, data: { stepKey: t.stepKey } });
      if (!t.clockStartedAt) continue;
      task("open", "waiting", "open", t.clockStartedAt, null);
      if (t.claimedAt) task("claim", "open", "claimed", t.claimedAt, reviewerOf(t));
      for (const d of asksOf.get(t.id!) ?? []) task("requestSupplement", "claimed", "supplementRequested", d.decidedAt!, reviewerOf(t));
      if (t.decidedAt) task(t.status === "denied" ? "deny" : "approve", "claimed", t.status!, t.decidedAt, reviewerOf(t));
      if (t.status === "cancelled" && a.decidedAt) task("cancel", "open", "cancelled", a.decidedAt, null);
    }
    for (const n of noticesOf.get(a.id!) ?? []) {
      app("requestSupplement", "inReview", "supplementRequired", n.issuedAt!, null);
      if (n.completedAt) app("supplement", "supplementRequired", "inReview", n.completedAt, filer);
    }
    if (a.decidedAt) app(a.status === "denied" ? "deny" : "approve", "inReview", a.status === "denied" ? "denied" : "approved", a.decidedAt, null);
    if (a.completedAt) app("complete", "approved", "completed", a.completedAt, null);
    // In time order (a stable sort: the order written for equal times).
    events.push(...own.sort((x, y) => x.at.getTime() - y.at.getTime()));

    const licenceId = licenceOf.get(a.id!);
    if (!licenceId) continue;
    const read = (purpose: "submission" | "acceptance" | "review", reader: { userId: string; role: string }, departmentId: string | null, at: Date) =>
      reads.push({
        at,
        readerUserId: reader.userId,
        readerRole: reader.role,
        readerDepartmentId: departmentId,
        holderCode: a.holderCode,
        resourceId: resource?.id ?? null,
        certificateTypeCode: "businessLicence",
        applicationId: a.id!,
        purpose,
        legalBasis: resource?.legalBasis ?? null,
        outcome: "allowed",
        recordCount: 1,
        readKey: createHash("sha256")
          .update(JSON.stringify([reader.userId, reader.role, purpose, a.id, "businessLicence", true, null, [`${licenceId}:valid`]]))
          .digest("base64url"),
      });
    read("submission", filer, null, a.submittedAt!);
    if (a.acceptedBy) read("acceptance", clerk, null, a.acceptedAt ?? a.updatedAt!);
    for (const t of tasks) if (t.claimedBy && t.claimedAt) read("review", { userId: t.claimedBy, role: "reviewer" }, t.departmentId, t.claimedAt);
  }
  const auditCount = await appendNewStreams<ApplicationAuditAction | TaskAuditAction>(tx, events);
  // Distinct reads only (one reviewer may hold two steps of a case): the log keeps one row per read.
  const seen = new Set<string>();
  const distinct = reads.filter((r) => !seen.has(r.readKey!) && seen.add(r.readKey!));
  await bulkInsert(tx, dataAccessLog, distinct);
  return { auditEvents: auditCount, dataAccessLog: distinct.length };
}

/**
 * A digest of the demo history's key columns (not ids, signatures or certificate numbers, which
 * are random): the same seed and end day give the same digest.
 */
export async function demoHistoryDigest(db: Db): Promise<string> {
  const iso = (d: Date | null) => (d ? d.toISOString() : "-");
  const hash = createHash("sha256");
  const apps = await db
    .select({
      id: applications.id,
      trackingNumber: applications.trackingNumber,
      status: applications.status,
      holderCode: applications.holderCode,
      filedAs: applications.filedAs,
      titleEn: applications.titleEn,
      submittedAt: applications.submittedAt,
      acceptedAt: applications.acceptedAt,
      decidedAt: applications.decidedAt,
      completedAt: applications.completedAt,
      version: applications.version,
    })
    .from(applications)
    .where(eq(applications.demo, true))
    .orderBy(asc(applications.trackingNumber));
  const tn = new Map(apps.map((a) => [a.id, a.trackingNumber]));
  for (const a of apps)
    hash.update(
      `A|${a.trackingNumber}|${a.status}|${a.holderCode}|${a.filedAs}|${a.titleEn}|${iso(a.submittedAt)}|${iso(a.acceptedAt)}|${iso(a.decidedAt)}|${iso(a.completedAt)}|${a.version}\n`,
    );
  const ids = apps.map((a) => a.id);
  const lines: string[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const t of await db
      .select({
        app: reviewTasks.applicationId,
        step: reviewTasks.stepKey,
        status: reviewTasks.status,
        dept: departments.code,
        due: reviewTasks.dueAt,
        decided: reviewTasks.decidedAt,
      })
      .from(reviewTasks)
      .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
      .where(inArray(reviewTasks.applicationId, chunk)))
      lines.push(`T|${tn.get(t.app)}|${t.step}|${t.status}|${t.dept}|${iso(t.due)}|${iso(t.decided)}`);
    for (const n of await db
      .select({ app: supplementNotices.applicationId, issued: supplementNotices.issuedAt, completed: supplementNotices.completedAt })
      .from(supplementNotices)
      .where(inArray(supplementNotices.applicationId, chunk)))
      lines.push(`N|${tn.get(n.app)}|${iso(n.issued)}|${iso(n.completed)}`);
    for (const r of await db
      .select({ app: ratings.applicationId, dept: departments.code, level: ratings.level })
      .from(ratings)
      .leftJoin(departments, eq(departments.id, ratings.departmentId))
      .where(inArray(ratings.applicationId, chunk)))
      lines.push(`R|${tn.get(r.app)}|${r.dept ?? "-"}|${r.level}`);
    for (const r of await db
      .select({
        app: rectificationItems.applicationId,
        status: rectificationItems.status,
        due: rectificationItems.dueOn,
        answered: rectificationItems.answeredOn,
      })
      .from(rectificationItems)
      .where(inArray(rectificationItems.applicationId, chunk)))
      lines.push(`X|${tn.get(r.app)}|${r.status}|${r.due}|${r.answered ?? "-"}`);
    for (const d of await db
      .select({ number: disclosures.decisionNumber, kind: disclosures.kind, publishedOn: disclosures.publishedOn, dueOn: disclosures.dueOn })
      .from(disclosures)
      .innerJoin(caseDocuments, eq(caseDocuments.id, disclosures.documentId))
      .where(inArray(caseDocuments.applicationId, chunk)))
      lines.push(`D|${d.number}|${d.kind}|${d.publishedOn}|${d.dueOn}`);
  }
  for (const line of lines.sort()) hash.update(`${line}\n`);
  return hash.digest("hex");
}

/** Whether a database has demo history, and its last run (for the script's message). */
export async function lastDemoHistoryRun(db: Db) {
  const [run] = await db
    .select()
    .from(demoHistoryRuns)
    .orderBy(sql`${demoHistoryRuns.generatedAt} desc`)
    .limit(1);
  return run ?? null;
}

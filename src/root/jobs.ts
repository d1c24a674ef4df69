import "./effects";
import { scanOverdueNotices } from "@/modules/applications/scan-overdue-notices";
import { writeAuditCheckpoint } from "@/modules/audit/write-checkpoint";
import { dispatchOutbox } from "@/modules/notifications/dispatch-outbox";
import { publishDecisions } from "@/modules/disclosure/publish-decisions";
import { foldOpenDataCounts } from "@/modules/openData/fold-counts";
import { inviteRaters } from "@/modules/ratings/invite-raters";
import { recomputeClasses } from "@/modules/risk/recompute-classes";
import { recomputeSignals } from "@/modules/risk/recompute-signals";
import { snapshotIndex } from "@/modules/serviceIndex/snapshot-index";
import { scanDeadlines } from "@/modules/review/scan-deadlines";
import { expireCertificates } from "@/modules/sharing/expire-certificates";
import { deliverDueForwardings } from "@/modules/applications/forward-application";
import { reportForwardedStatuses } from "@/modules/applications/receive-forwarding";
import { clientFromEnv } from "@/modules/exchange/from-env";
import { defineJob, type JobDefinition } from "@/server/jobs/define-job";
import { deliverJoint } from "./joint";

const outboxBatch = 50;

/** Every background job of the portal; `startJobs` runs them, tests call handlers directly. */
export const jobRegistry: readonly JobDefinition[] = [
  defineJob({
    name: "outbox.dispatch",
    // Notifications should arrive within seconds, and pg-boss cron ticks once a minute: this one
    // is an in-process loop on every node instead of a queue. Several nodes running it at once
    // is safe: dispatchOutbox claims rows with FOR UPDATE SKIP LOCKED, and an inbox item is
    // unique per (outbox row, user).
    everySeconds: 3,
    batchSize: outboxBatch,
    handler: (db) => dispatchOutbox(db, { batchSize: outboxBatch }),
  }),

  // ── exchange: jointOutbox ──────────────────────────────────────────────────────────────
  // 多地联办: joint-review messages to partner nodes (a part to open, an update on a part), retried
  // with backoff while the peer is down. Several nodes at once: each result is recorded by
  // compare-and-set, and the peer takes a message id once.
  defineJob({ name: "exchange.jointOutbox", everySeconds: 5, batchSize: 10, handler: (db) => deliverJoint(db, clientFromEnv(db)) }),
  // ── applications: forwardings.deliver / forwardings.report (异地代收代办) ─────────────────
  // The accepting node's outbox: forwardings still waiting because the competent node was down
  // or too slow are delivered again, each when its backoff is over. The competent node reports
  // forwarded applications' statuses back the same way. In-process loops: a peer that comes back
  // should see its backlog within seconds. Safe on several nodes at once: the competent node is
  // idempotent by the forwarding's id, and each answer is recorded by a conditional update.
  defineJob({
    name: "forwardings.deliver",
    everySeconds: 5,
    batchSize: 20,
    handler: (db) => deliverDueForwardings(db, clientFromEnv(db), new Date(), { batchSize: 20 }),
  }),
  defineJob({
    name: "forwardings.report",
    everySeconds: 5,
    batchSize: 20,
    handler: (db) => reportForwardedStatuses(db, clientFromEnv(db), new Date(), { batchSize: 20 }),
  }),

  // ── review: deadlines.scan ──────────────────────────────────────────────────────────────
  // Reminders one working day before the due date, overdue notices, deemed approval. Owned by
  // the review module (src/modules/review/scan-deadlines.ts). pg-boss sends one job a minute for
  // the whole cluster; the worker fetches in batches (after downtime several ticks may be
  // waiting: one scan covers them all). Each step of the scan is a conditional update, so a
  // scan run twice acts once.
  defineJob({
    name: "deadlines.scan",
    cron: "* * * * *",
    batchSize: 10,
    pollingIntervalSeconds: 10,
    handler: (db) => scanDeadlines(db, new Date(), { batchSize: 100 }),
  }),

  // ── applications: notices.overdue ───────────────────────────────────────────────────────
  // One-time notices unanswered after their deadline (补正期限, working days from the catalog) are
  // reported to the data office and the asking departments (src/modules/applications/
  // scan-overdue-notices.ts). Deadlines end at midnight Shanghai time, so every five minutes is
  // prompt enough; each notice is claimed by a conditional update, so a scan run twice acts once.
  defineJob({
    name: "notices.overdue",
    cron: "*/5 * * * *",
    batchSize: 1,
    pollingIntervalSeconds: 30,
    handler: (db) => scanOverdueNotices(db, new Date(), { batchSize: 100 }),
  }),

  // ── sharing: certificates.expire ────────────────────────────────────────────────────────
  // Marks certificates past their validity as expired and tells the open applications that rely
  // on them (the revocation watch). Hourly: validity ends at a date, and the gate already treats
  // a lapsed date as expired at read time; the job makes it a fact and sends the notices.
  defineJob({ name: "certificates.expire", cron: "7 * * * *", batchSize: 1, pollingIntervalSeconds: 30, handler: (db) => expireCertificates(db, new Date()) }),

  // ── disclosure: disclosures.publish ─────────────────────────────────────────────────────
  // Licensing decisions are published (双公示) within 7 working days of the decision; every five
  // minutes publishes each one the same day. A run twice publishes once (the decision and
  // licence are unique), and revocations since the last run update their records.
  // The open-data counts' appended rows, collapsed to one per key (the datasets read them folded
  // or not: the figures are current either way; this keeps the tables small).
  defineJob({ name: "openData.fold", cron: "* * * * *", batchSize: 1, pollingIntervalSeconds: 30, handler: (db) => foldOpenDataCounts(db) }),
  defineJob({ name: "disclosures.publish", cron: "*/5 * * * *", batchSize: 1, pollingIntervalSeconds: 30, handler: (db) => publishDecisions(db, new Date()) }),

  // ── ratings: ratings.invite ─────────────────────────────────────────────────────────────
  // Applicants of finished cases are invited to rate them (好差评): the invitation is derived from
  // the application's status here, so casework does not know ratings; once per case.
  defineJob({ name: "ratings.invite", cron: "*/10 * * * *", batchSize: 1, pollingIntervalSeconds: 30, handler: (db) => inviteRaters(db, new Date()) }),
  // ── serviceIndex: serviceIndex.snapshot ─────────────────────────────────────────────────
  // Each department's, service's and city's index for this month and the last 30 days, as
  // today's snapshot (the history), at 01:10 China time; running again the same day replaces it.
  defineJob({ name: "serviceIndex.snapshot", cron: "10 1 * * *", batchSize: 1, pollingIntervalSeconds: 60, handler: (db) => snapshotIndex(db, new Date()) }),

  // ── risk: risk.signals ──────────────────────────────────────────────────────────────────
  // The supervision model's rules over the shared data, daily at 02:20 China time (after the
  // night's registrations and credit records): new signals added, those no longer found cleared.
  // Idempotent; the data office can run it at any time ("recompute now").
  defineJob({ name: "risk.signals", cron: "20 2 * * *", batchSize: 1, pollingIntervalSeconds: 60, handler: (db) => recomputeSignals(db, null, new Date()) }),

  // ── risk: risk.classes ──────────────────────────────────────────────────────────────────
  // Every enterprise's credit risk class for the month, on the 1st at 03:10 China time (after
  // the signals of the night); running again in the same month replaces that month's classes.
  defineJob({ name: "risk.classes", cron: "10 3 1 * *", batchSize: 1, pollingIntervalSeconds: 60, handler: (db) => recomputeClasses(db, null, new Date()) }),

  // ── audit: audit.checkpoint ─────────────────────────────────────────────────────────────
  // A signed checkpoint of every audit stream's head, hourly (src/modules/audit/write-checkpoint.ts):
  // `npm run audit:verify` then detects deleted streams, cut-off events and recomputed chains up
  // to the last checkpoint. Idempotent: a run within 30 minutes of the latest checkpoint (the job
  // run twice, or by two nodes) writes nothing.
  defineJob({
    name: "audit.checkpoint",
    cron: "23 * * * *",
    batchSize: 1,
    pollingIntervalSeconds: 30,
    handler: (db) => writeAuditCheckpoint(db, new Date(), { ifOlderThanMs: 30 * 60_000 }),
  }),
];

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reachableStates, terminalStates, type TransitionTable } from "@/lib/state-machine";
import {
  applicationAuditActions,
  applicationEvents,
  applicationMachine,
  applicationStatuses,
  finalApplicationStatuses,
  initialApplicationStatus,
  type ApplicationAuditAction,
} from "./applications/model";
import { applicationStatusEnum } from "./applications/schema";
import { calendarAuditActions, type CalendarAuditAction } from "./calendar/model";
import { catalogAuditActions, type CatalogAuditAction } from "./catalog/model";
import {
  creditAuditActions,
  creditRecordAuditActions,
  creditRecordEvents,
  creditRecordMachine,
  creditRecordStatuses,
  initialCreditRecordStatus,
  initialObjectionStatus,
  initialRepairStatus,
  objectionAuditActions,
  objectionEvents,
  objectionMachine,
  objectionStatuses,
  repairAuditActions,
  repairEvents,
  repairMachine,
  repairStatuses,
  type CreditAuditAction,
} from "./credit/model";
import { creditObjectionStatusEnum, creditRecordStatusEnum, creditRepairStatusEnum } from "./credit/schema";
import {
  initialRiskSignalStatus,
  riskAuditActions,
  riskSignalAuditActions,
  riskSignalEvents,
  riskSignalMachine,
  riskSignalStatuses,
  type RiskAuditAction,
} from "./risk/model";
import { riskSignalStatusEnum } from "./risk/schema";
import {
  commitmentAuditActions,
  initialVerificationStatus,
  verificationEvents,
  verificationMachine,
  verificationStatuses,
  type CommitmentAuditAction,
} from "./commitments/model";
import { verificationStatusEnum } from "./commitments/schema";
import { disclosureAuditActions, type DisclosureAuditAction } from "./disclosure/model";
import { exchangeAuditActions, type ExchangeAuditAction } from "./exchange/model";
import { initialPlanStatus, inspectionAuditActions, planEvents, planMachine, planStatuses, type InspectionAuditAction } from "./inspections/model";
import { inspectionPlanStatusEnum } from "./inspections/schema";
import {
  initialRecognitionStatus,
  recognitionAuditActions,
  recognitionEvents,
  recognitionMachine,
  recognitionStatuses,
  type RecognitionAuditAction,
} from "./recognition/model";
import { recognitionStatusEnum } from "./recognition/schema";
import {
  initialRectificationStatus,
  ratingsAuditActions,
  rectificationEvents,
  rectificationMachine,
  rectificationStatuses,
  type RatingsAuditAction,
} from "./ratings/model";
import { rectificationStatusEnum } from "./ratings/schema";
import { documentAuditActions, type DocumentAuditAction } from "./documents/model";
import { identityAuditActions, type IdentityAuditAction } from "./identity/model";
import {
  initialNameStatus,
  nameAuditActions,
  nameEvents,
  nameMachine,
  nameStatuses,
  registrationAuditActions,
  releasedNameStatus,
  type NameAuditAction,
  type RegistrationAuditAction,
} from "./registration/model";
import { nameStatusEnum } from "./registration/schema";
import {
  clockAuditActions,
  extensionEvents,
  extensionMachine,
  extensionStatuses,
  initialExtensionStatus,
  initialTaskStatus,
  taskAuditActions,
  taskEvents,
  taskMachine,
  taskStatuses,
  type TaskAuditAction,
} from "./review/model";
import { extensionStatusEnum, taskStatusEnum } from "./review/schema";
import {
  certificateAuditActions,
  certificateEvents,
  certificateMachine,
  certificateStatuses,
  dataObjectionAuditActions,
  dataObjectionEvents,
  dataObjectionMachine,
  dataObjectionStatuses,
  initialDataObjectionStatus,
  type DataObjectionAuditAction,
  grantAuditActions,
  grantEvents,
  grantMachine,
  grantStatuses,
  initialCertificateStatus,
  initialGrantStatus,
  sharingAuditActions,
  type CertificateAuditAction,
  type GrantAuditAction,
  type SharingAuditAction,
} from "./sharing/model";
import { certificateStatusEnum } from "./sharing/registry-schema";
import { dataObjectionStatusEnum, grantStatusEnum } from "./sharing/schema";

// Every status machine, walked: its table covers its one list of states, every state can be
// reached, the terminal states are the ones the domain says end a life, every event is used and
// has an audit action, and the database enum is the same list in the same order.

interface Machine {
  statuses: readonly string[];
  events: readonly string[];
  table: TransitionTable<string, string>;
  initial: string;
  /** The states whose life is over; nothing leaves them. */
  terminal: readonly string[];
  /** The audit-action prefix of the machine's events. */
  prefix: string;
  auditActions: readonly string[];
  enumValues: readonly string[];
}

const machines: Record<string, Machine> = {
  application: {
    statuses: applicationStatuses,
    events: applicationEvents,
    table: applicationMachine,
    initial: initialApplicationStatus,
    terminal: ["completed", "notAccepted", "denied", "withdrawn"],
    prefix: "application",
    auditActions: applicationAuditActions,
    enumValues: applicationStatusEnum.enumValues,
  },
  reviewTask: {
    statuses: taskStatuses,
    events: taskEvents,
    table: taskMachine,
    initial: initialTaskStatus,
    terminal: ["approved", "denied", "cancelled"],
    prefix: "task",
    auditActions: taskAuditActions,
    enumValues: taskStatusEnum.enumValues,
  },
  taskExtension: {
    statuses: extensionStatuses,
    events: extensionEvents,
    table: extensionMachine,
    initial: initialExtensionStatus,
    terminal: ["approved", "refused"],
    prefix: "extension",
    auditActions: clockAuditActions,
    enumValues: extensionStatusEnum.enumValues,
  },
  grant: {
    statuses: grantStatuses,
    events: grantEvents,
    table: grantMachine,
    initial: initialGrantStatus,
    // A refused or revoked grant may always be asked for again.
    terminal: [],
    prefix: "grant",
    auditActions: grantAuditActions,
    enumValues: grantStatusEnum.enumValues,
  },
  dataObjection: {
    statuses: dataObjectionStatuses,
    events: dataObjectionEvents,
    table: dataObjectionMachine,
    initial: initialDataObjectionStatus,
    terminal: ["corrected", "answered"],
    prefix: "dataObjection",
    auditActions: dataObjectionAuditActions,
    enumValues: dataObjectionStatusEnum.enumValues,
  },
  enterpriseName: {
    statuses: nameStatuses,
    events: nameEvents,
    table: nameMachine,
    initial: initialNameStatus,
    terminal: ["released"],
    prefix: "name",
    auditActions: nameAuditActions,
    enumValues: nameStatusEnum.enumValues,
  },
  certificate: {
    statuses: certificateStatuses,
    events: certificateEvents,
    table: certificateMachine,
    initial: initialCertificateStatus,
    terminal: ["revoked"],
    prefix: "certificate",
    auditActions: certificateAuditActions,
    enumValues: certificateStatusEnum.enumValues,
  },
  rectification: {
    statuses: rectificationStatuses,
    events: rectificationEvents,
    table: rectificationMachine,
    initial: initialRectificationStatus,
    // Decided appeals end the item: one appeal only.
    terminal: ["appealUpheld", "appealDismissed"],
    prefix: "rectification",
    auditActions: ratingsAuditActions,
    enumValues: rectificationStatusEnum.enumValues,
  },
  creditRecord: {
    statuses: creditRecordStatuses,
    events: creditRecordEvents,
    table: creditRecordMachine,
    initial: initialCreditRecordStatus,
    // A corrected version is kept as it was; a repaired record stays withdrawn.
    terminal: ["corrected", "repaired"],
    prefix: "creditRecord",
    auditActions: creditRecordAuditActions,
    enumValues: creditRecordStatusEnum.enumValues,
  },
  creditObjection: {
    statuses: objectionStatuses,
    events: objectionEvents,
    table: objectionMachine,
    initial: initialObjectionStatus,
    terminal: ["corrected", "upheld"],
    prefix: "creditObjection",
    auditActions: objectionAuditActions,
    enumValues: creditObjectionStatusEnum.enumValues,
  },
  creditRepair: {
    statuses: repairStatuses,
    events: repairEvents,
    table: repairMachine,
    initial: initialRepairStatus,
    terminal: ["granted", "refused"],
    prefix: "creditRepair",
    auditActions: repairAuditActions,
    enumValues: creditRepairStatusEnum.enumValues,
  },
  riskSignal: {
    statuses: riskSignalStatuses,
    events: riskSignalEvents,
    table: riskSignalMachine,
    initial: initialRiskSignalStatus,
    terminal: [],
    prefix: "riskSignal",
    auditActions: riskSignalAuditActions,
    enumValues: riskSignalStatusEnum.enumValues,
  },
  commitmentVerification: {
    statuses: verificationStatuses,
    events: verificationEvents,
    table: verificationMachine,
    initial: initialVerificationStatus,
    // A result, once recorded, stands (a failure has already revoked and recorded).
    terminal: ["passed", "failed"],
    prefix: "commitmentVerification",
    auditActions: commitmentAuditActions,
    enumValues: verificationStatusEnum.enumValues,
  },
  inspectionPlan: {
    statuses: planStatuses,
    events: planEvents,
    table: planMachine,
    initial: initialPlanStatus,
    // A completed plan keeps its draw and results as published.
    terminal: ["completed"],
    prefix: "inspectionPlan",
    auditActions: inspectionAuditActions,
    enumValues: inspectionPlanStatusEnum.enumValues,
  },
  recognition: {
    statuses: recognitionStatuses,
    events: recognitionEvents,
    table: recognitionMachine,
    initial: initialRecognitionStatus,
    // An ended entry stays ended: a new entry is added instead.
    terminal: ["ended"],
    prefix: "recognition",
    auditActions: recognitionAuditActions,
    enumValues: recognitionStatusEnum.enumValues,
  },
};

/**
 * The audit log's whole vocabulary as one type: the machines' `${machine}.${event}` actions and
 * each module's named others. It is assembled here, above every module, because the audit module
 * may not import the modules that write to it (see record-audit.ts).
 */
type AuditAction =
  | ApplicationAuditAction
  | TaskAuditAction
  | GrantAuditAction
  | DataObjectionAuditAction
  | CertificateAuditAction
  | NameAuditAction
  | RegistrationAuditAction
  | SharingAuditAction
  | IdentityAuditAction
  | CatalogAuditAction
  | CalendarAuditAction
  | DocumentAuditAction
  | DisclosureAuditAction
  | RatingsAuditAction
  | CreditAuditAction
  | RiskAuditAction
  | CommitmentAuditAction
  | InspectionAuditAction
  | RecognitionAuditAction
  | ExchangeAuditAction;

/** Every audit action the code may write, as values (typed: a list with a stray string does not compile). */
const allAuditActions = new Set<AuditAction>([
  ...applicationAuditActions,
  ...taskAuditActions,
  ...clockAuditActions,
  ...grantAuditActions,
  ...dataObjectionAuditActions,
  ...certificateAuditActions,
  ...nameAuditActions,
  ...registrationAuditActions,
  ...sharingAuditActions,
  ...identityAuditActions,
  ...catalogAuditActions,
  ...calendarAuditActions,
  ...documentAuditActions,
  ...disclosureAuditActions,
  ...ratingsAuditActions,
  ...creditAuditActions,
  ...riskAuditActions,
  ...commitmentAuditActions,
  ...inspectionAuditActions,
  ...recognitionAuditActions,
  ...exchangeAuditActions,
]);

describe.each(Object.entries(machines))("the %s machine", (_name, m) => {
  it("has a row for each of its states and no other", () => {
    expect(Object.keys(m.table).sort()).toEqual([...m.statuses].sort());
  });

  it("leads only to its own states, by its own events", () => {
    for (const row of Object.values(m.table)) {
      for (const [event, to] of Object.entries(row)) {
        expect(m.events).toContain(event);
        expect(m.statuses).toContain(to);
      }
    }
  });

  it("reaches every state from the initial one", () => {
    expect([...reachableStates(m.table, m.initial)].sort()).toEqual([...m.statuses].sort());
  });

  it("has no way out of its terminal states, and a way out of every other", () => {
    expect(terminalStates(m.table).sort()).toEqual([...m.terminal].sort());
    for (const s of m.terminal) expect(m.table[s]).toEqual({});
  });

  it("uses every event it declares, and audits each one", () => {
    const used = new Set(Object.values(m.table).flatMap((row) => Object.keys(row)));
    expect([...used].sort()).toEqual([...m.events].sort());
    for (const e of m.events) expect(m.auditActions).toContain(`${m.prefix}.${e}`);
  });

  it("is stored in a database enum of the same list, in the same order", () => {
    expect([...m.enumValues]).toEqual([...m.statuses]);
  });
});

describe("the name machine's released state", () => {
  it("is the terminal state the live-name index leaves out", () => {
    expect(nameMachine[releasedNameStatus]).toEqual({});
    expect(nameMachine.reserved.release).toBe(releasedNameStatus);
  });
});

describe("the application's final states", () => {
  it("are the table's terminal states", () => {
    expect([...finalApplicationStatuses].sort()).toEqual([...machines.application!.terminal].sort());
  });
});

// ---- every audit action written in the code is one of the listed ones ----

const src = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The actions a file passes to the audit log: literal ones, and the machine prefix of `${prefix}.${event}` ones. */
function auditActionsIn(text: string): { literals: string[]; templatePrefixes: string[] } {
  const literals = [...text.matchAll(/\baction:\s*"([^"]+)"/g)].map((m) => m[1]!);
  const templatePrefixes = [...text.matchAll(/\baction:\s*`([\w]+)\.\$\{/g)].map((m) => m[1]!);
  return { literals, templatePrefixes };
}

describe("audit actions", () => {
  const files = sourceFiles(src)
    .map((f) => ({ rel: path.relative(src, f), text: readFileSync(f, "utf8") }))
    .filter((f) => f.text.includes("recordAudit"));

  it("finds the writers it checks", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("are all listed: a machine's events or a module's named actions", () => {
    const unknown = files.flatMap((f) =>
      auditActionsIn(f.text)
        .literals.filter((a) => !allAuditActions.has(a as AuditAction))
        .map((a) => `${f.rel}: ${a}`),
    );
    expect(unknown).toEqual([]);
    const prefixes = new Set(Object.values(machines).map((m) => m.prefix));
    const unknownPrefixes = files.flatMap((f) =>
      auditActionsIn(f.text)
        .templatePrefixes.filter((p) => !prefixes.has(p))
        .map((p) => `${f.rel}: ${p}.*`),
    );
    expect(unknownPrefixes).toEqual([]);
  });

  it("are checked by a scan that sees both forms", () => {
    expect(auditActionsIn('recordAudit<X>(tx, { action: "task.cancel", a: 1 }); recordAudit<Y>(tx, { action: `grant.${e}` })')).toEqual({
      literals: ["task.cancel"],
      templatePrefixes: ["grant"],
    });
  });

  it("has no two modules claiming one action", () => {
    const lists = [
      ...Object.values(machines).map((m) => m.auditActions),
      registrationAuditActions,
      sharingAuditActions,
      identityAuditActions,
      catalogAuditActions,
      calendarAuditActions,
    ];
    const all = lists.flat();
    expect(all.length).toBe(new Set(all).size);
  });
});

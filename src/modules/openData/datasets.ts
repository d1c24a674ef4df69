import { and, asc, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { decidedApplicationStatuses, grantedApplicationStatuses, undecidedApplicationStatuses } from "../applications/model";
import { fenToYuan } from "../catalog/model";
import { listGuides } from "../catalog/list-guides";
import { bundles, services } from "../catalog/schema";
import { departments } from "../identity/schema";
import { decidedTaskStatuses, runningTaskStatuses } from "../review/model";
import { reviewTasks } from "../review/schema";
import { openDataApplicationCounts, openDataTaskCounts } from "./schema";
import { ratio, type DatasetColumn, type DatasetFile, type DatasetMetadata, type DatasetRow } from "./model";

/**
 * A published dataset: its metadata and the query behind it. Every query returns aggregates or
 * public catalog metadata only — counts, ratios, months, department and service names — never a
 * name, ID number, credit code, tracking number or query code of an applicant.
 */
export interface OpenDataset extends DatasetMetadata {
  query: (db: Db, now: Date) => Promise<DatasetRow[]>;
}

/** A dataset whose columns are checked against the rows its query returns. */
function defineDataset<Row extends DatasetRow>(
  dataset: DatasetMetadata & { columns: ReadonlyArray<DatasetColumn<keyof Row & string>>; query: (db: Db, now: Date) => Promise<Row[]> },
): OpenDataset {
  return dataset;
}

/** Who publishes open data, and under which licence: the same for every dataset. */
export const openDataPublisher = { zh: "大数据管理办公室", en: "Big Data Administration Office" } as const;
export const openDataLicence = { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" } as const;

const common = {
  publisherZh: openDataPublisher.zh,
  publisherEn: openDataPublisher.en,
  licence: openDataLicence.name,
  licenceUrl: openDataLicence.url,
  formats: ["json", "csv"],
} as const satisfies Partial<DatasetMetadata>;

/** The sum of the precomputed counts, of those matching `where` if given. */
const total = (where?: SQL) =>
  where
    ? sql<number>`coalesce(sum(${openDataApplicationCounts.n}) filter (where ${where}), 0)::int`
    : sql<number>`coalesce(sum(${openDataApplicationCounts.n}), 0)::int`;

type ApplicationsByServiceRow = {
  kind: "service" | "bundle";
  code: string;
  nameZh: string;
  nameEn: string;
  submitted: number;
  approved: number;
  denied: number;
  notAccepted: number;
  withdrawn: number;
  inProgress: number;
};

const applicationsByService = defineDataset<ApplicationsByServiceRow>({
  ...common,
  code: "applications-by-service",
  titleZh: "按事项统计的办件量",
  titleEn: "Applications by service",
  descriptionZh: "每个政务服务事项（类型 service）和“一件事”（类型 bundle）收到的申请数及其办理结果。只统计已提交的申请，不含草稿。",
  descriptionEn:
    "How many applications each service (kind “service”) and bundle (kind “bundle”) received, and how they ended. Submitted applications only, never drafts.",
  updateFrequency: "realTime",
  columns: [
    { name: "kind", labelZh: "类型", labelEn: "Kind" },
    { name: "code", labelZh: "事项编码", labelEn: "Code" },
    { name: "nameZh", labelZh: "名称（中文）", labelEn: "Name (Chinese)" },
    { name: "nameEn", labelZh: "名称（英文）", labelEn: "Name (English)" },
    { name: "submitted", labelZh: "申请数", labelEn: "Submitted" },
    { name: "approved", labelZh: "准予许可（含已办结）", labelEn: "Approved (including completed)" },
    { name: "denied", labelZh: "不予许可", labelEn: "Denied" },
    { name: "notAccepted", labelZh: "不予受理", labelEn: "Not accepted" },
    { name: "withdrawn", labelZh: "撤回", labelEn: "Withdrawn" },
    { name: "inProgress", labelZh: "办理中", labelEn: "In progress" },
  ],
  // From the precomputed counts (./schema.ts), never a scan of the applications.
  query: async (db) => {
    const submitted = total();
    const rows = await db
      .select({
        serviceCode: services.code,
        serviceZh: services.nameZh,
        serviceEn: services.nameEn,
        bundleCode: bundles.code,
        bundleZh: bundles.nameZh,
        bundleEn: bundles.nameEn,
        submitted,
        approved: total(inArray(openDataApplicationCounts.status, [...grantedApplicationStatuses])),
        denied: total(eq(openDataApplicationCounts.status, "denied")),
        notAccepted: total(eq(openDataApplicationCounts.status, "notAccepted")),
        withdrawn: total(eq(openDataApplicationCounts.status, "withdrawn")),
        inProgress: total(inArray(openDataApplicationCounts.status, [...undecidedApplicationStatuses])),
      })
      .from(openDataApplicationCounts)
      .leftJoin(services, eq(services.id, openDataApplicationCounts.serviceId))
      .leftJoin(bundles, eq(bundles.id, openDataApplicationCounts.bundleId))
      .groupBy(services.code, services.nameZh, services.nameEn, bundles.code, bundles.nameZh, bundles.nameEn)
      // Keys whose applications all moved on (a withdrawn draft never counts: it had no submission).
      .having(sql`sum(${openDataApplicationCounts.n}) <> 0`)
      .orderBy(desc(submitted), asc(bundles.code), asc(services.code));
    return rows.map(({ serviceCode, serviceZh, serviceEn, bundleCode, bundleZh, bundleEn, ...counts }) => ({
      kind: bundleCode ? ("bundle" as const) : ("service" as const),
      code: bundleCode ?? serviceCode ?? "",
      nameZh: bundleZh ?? serviceZh ?? "",
      nameEn: bundleEn ?? serviceEn ?? "",
      ...counts,
    }));
  },
});

type ApplicationsByMonthRow = { month: string; submitted: number; decided: number };

const applicationsByMonth = defineDataset<ApplicationsByMonthRow>({
  ...common,
  code: "applications-by-month",
  titleZh: "按月统计的办件量",
  titleEn: "Applications by month",
  descriptionZh: "每月（北京时间，按提交日期）提交的申请数，以及其中已作出准予或不予许可决定的数量。",
  descriptionEn: "Applications submitted each month (China time, by date of submission), and how many of them have been approved or denied so far.",
  updateFrequency: "realTime",
  columns: [
    { name: "month", labelZh: "月份（YYYY-MM）", labelEn: "Month (YYYY-MM)" },
    { name: "submitted", labelZh: "申请数", labelEn: "Submitted" },
    { name: "decided", labelZh: "已作出许可决定", labelEn: "Decided" },
  ],
  // Months in China's calendar (the trigger's `to_char(… at time zone 'Asia/Shanghai')`), from the
  // precomputed counts.
  query: (db) =>
    db
      .select({
        month: openDataApplicationCounts.month,
        submitted: total(),
        decided: total(inArray(openDataApplicationCounts.status, [...decidedApplicationStatuses])),
      })
      .from(openDataApplicationCounts)
      .groupBy(openDataApplicationCounts.month)
      .having(sql`sum(${openDataApplicationCounts.n}) <> 0`)
      .orderBy(asc(openDataApplicationCounts.month)),
});

type ReviewTimelinessRow = {
  departmentCode: string;
  departmentZh: string;
  departmentEn: string;
  decided: number;
  decidedOnTime: number;
  onTimeRatio: number | null;
  overdueOpen: number;
};

const reviewTimelinessByDepartment = defineDataset<ReviewTimelinessRow>({
  ...common,
  code: "review-timeliness-by-department",
  titleZh: "各部门审查时效",
  titleEn: "Review timeliness by department",
  descriptionZh: "每个部门已作出决定的审查任务数、其中在承诺时限内决定的数量和比例，以及当前已逾期仍未决定的任务数。补正期间不计入时限。",
  descriptionEn:
    "For each department: review tasks decided, how many and what share of them within the promised time limit, and open tasks now past their due date. Time waiting for the applicant's supplement does not count.",
  updateFrequency: "realTime",
  columns: [
    { name: "departmentCode", labelZh: "部门代码", labelEn: "Department code" },
    { name: "departmentZh", labelZh: "部门名称（中文）", labelEn: "Department (Chinese)" },
    { name: "departmentEn", labelZh: "部门名称（英文）", labelEn: "Department (English)" },
    { name: "decided", labelZh: "已决定任务数", labelEn: "Tasks decided" },
    { name: "decidedOnTime", labelZh: "按时决定数", labelEn: "Decided on time" },
    { name: "onTimeRatio", labelZh: "按时决定率（0–1）", labelEn: "On-time ratio (0–1)" },
    { name: "overdueOpen", labelZh: "当前逾期未决定数", labelEn: "Open and overdue now" },
  ],
  // Decided and on time from the precomputed counts; open and overdue now depends on the time, so
  // it is counted live, over the running tasks only (`review_tasks_due_idx`).
  query: async (db, now) => {
    const decided = inArray(openDataTaskCounts.status, [...decidedTaskStatuses]);
    const counts = db
      .select({
        departmentId: openDataTaskCounts.departmentId,
        decided: sql<number>`coalesce(sum(${openDataTaskCounts.n}) filter (where ${decided}), 0)::int`.as("decided"),
        decidedOnTime: sql<number>`coalesce(sum(${openDataTaskCounts.n}) filter (where ${and(decided, eq(openDataTaskCounts.onTime, true))}), 0)::int`.as(
          "decided_on_time",
        ),
      })
      .from(openDataTaskCounts)
      .groupBy(openDataTaskCounts.departmentId)
      .as("counts");
    const overdue = db
      .select({ departmentId: reviewTasks.departmentId, n: sql<number>`count(*)::int`.as("n") })
      .from(reviewTasks)
      .where(and(inArray(reviewTasks.status, [...runningTaskStatuses]), lt(reviewTasks.dueAt, sql`${now.toISOString()}::timestamptz`)))
      .groupBy(reviewTasks.departmentId)
      .as("overdue");
    const rows = await db
      .select({
        departmentCode: departments.code,
        departmentZh: departments.nameZh,
        departmentEn: departments.nameEn,
        decided: sql<number>`coalesce(${counts.decided}, 0)::int`,
        decidedOnTime: sql<number>`coalesce(${counts.decidedOnTime}, 0)::int`,
        overdueOpen: sql<number>`coalesce(${overdue.n}, 0)::int`,
      })
      .from(departments)
      .leftJoin(counts, eq(counts.departmentId, departments.id))
      .leftJoin(overdue, eq(overdue.departmentId, departments.id))
      .orderBy(asc(departments.code));
    return rows.map((r) => ({ ...r, onTimeRatio: ratio(r.decidedOnTime, r.decided) }));
  },
});

type ServiceCatalogRow = {
  code: string;
  nameZh: string;
  nameEn: string;
  departmentZh: string;
  departmentEn: string;
  statutoryDays: number;
  promisedDays: number;
  feeYuan: number;
};

const serviceCatalog = defineDataset<ServiceCatalogRow>({
  ...common,
  code: "service-catalog",
  titleZh: "政务服务事项目录",
  titleEn: "Service catalog",
  descriptionZh: "已发布的政务服务事项：实施部门、法定时限和承诺时限（工作日）以及收费标准。",
  descriptionEn: "The published government services: the department, the statutory and promised time limits in working days, and the fee.",
  updateFrequency: "irregular",
  columns: [
    { name: "code", labelZh: "事项编码", labelEn: "Code" },
    { name: "nameZh", labelZh: "事项名称（中文）", labelEn: "Service (Chinese)" },
    { name: "nameEn", labelZh: "事项名称（英文）", labelEn: "Service (English)" },
    { name: "departmentZh", labelZh: "实施部门（中文）", labelEn: "Department (Chinese)" },
    { name: "departmentEn", labelZh: "实施部门（英文）", labelEn: "Department (English)" },
    { name: "statutoryDays", labelZh: "法定时限（工作日）", labelEn: "Statutory limit (working days)" },
    { name: "promisedDays", labelZh: "承诺时限（工作日）", labelEn: "Promised limit (working days)" },
    { name: "feeYuan", labelZh: "收费（元，0 为不收费）", labelEn: "Fee (yuan, 0 if free)" },
  ],
  // The same published services as the guides at /guides, in the catalog's order.
  query: async (db) =>
    (await listGuides(db)).services.map((s) => ({
      code: s.code,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      departmentZh: s.department.nameZh,
      departmentEn: s.department.nameEn,
      statutoryDays: s.statutoryDays,
      promisedDays: s.promisedDays,
      feeYuan: fenToYuan(s.feeFen),
    })),
});

/** Every published dataset, in the order /open-data lists them. */
export const openDatasets: ReadonlyArray<OpenDataset> = [applicationsByService, applicationsByMonth, reviewTimelinessByDepartment, serviceCatalog];

export function findDataset(code: string): OpenDataset | undefined {
  return openDatasets.find((d) => d.code === code);
}

export function datasetMetadata({ query: _query, ...metadata }: OpenDataset): DatasetMetadata {
  return metadata;
}

/**
 * A dataset's file content. Each row is cut down to the declared columns, so a field a query
 * picks up by mistake is never published.
 */
export async function readDataset(db: Db, dataset: OpenDataset, now: Date = new Date()): Promise<DatasetFile> {
  const rows = await dataset.query(db, now);
  return {
    dataset: datasetMetadata(dataset),
    generatedAt: now.toISOString(),
    rows: rows.map((row) => Object.fromEntries(dataset.columns.map((c) => [c.name, row[c.name] ?? null]))),
  };
}

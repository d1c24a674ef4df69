import { Gauge, type Registry } from "prom-client";
import { outboxBacklog, type OutboxBacklog } from "@/modules/notifications/outbox-backlog";
import { countTasksByDepartment, type DepartmentTaskCount } from "@/modules/review/count-tasks-by-department";
import { log } from "@/server/log";
import { addCollector, cachedFor, metrics, openedDatabase } from "@/server/metrics";

/** Tasks per department are counted at most this often, however often Prometheus scrapes. */
const taskCountsTtlMs = 5_000;

/** Each pair of gauges shares one query: the registry collects all metrics of a scrape in parallel. */
function sources() {
  return {
    backlog: cachedFor(1000, async (): Promise<OutboxBacklog | null> => {
      const handle = await openedDatabase();
      return handle ? outboxBacklog(handle.db) : null;
    }),
    tasks: cachedFor(taskCountsTtlMs, async (): Promise<DepartmentTaskCount[]> => {
      const handle = await openedDatabase();
      return handle ? countTasksByDepartment(handle.db) : [];
    }),
  };
}
let source = sources();

/**
 * The domain's figures: the outbox's backlog (notifications module) and each department's open and
 * overdue review tasks (review module), computed at scrape time.
 */
function addDomainMetrics(registry: Registry): void {
  const outboxGauge = (name: string, help: string, pick: (b: OutboxBacklog) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        try {
          const b = await source.backlog();
          if (b) this.set(pick(b));
        } catch (error) {
          log.warn({ err: error, part: "metrics" }, "outbox figures not collected");
        }
      },
    });
  outboxGauge("tongban_outbox_pending", "Outbox rows not yet dispatched (notifications and email).", (b) => b.pending);
  outboxGauge("tongban_outbox_oldest_age_seconds", "Age of the oldest undispatched outbox row; 0 when the outbox is empty.", (b) => b.oldestAgeSeconds);

  const taskGauge = (name: string, help: string, pick: (t: DepartmentTaskCount) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["department"] as const,
      registers: [registry],
      async collect() {
        try {
          const rows = await source.tasks();
          this.reset();
          for (const r of rows) this.set({ department: r.departmentCode }, pick(r));
        } catch (error) {
          log.warn({ err: error, part: "metrics" }, "task figures not collected");
        }
      },
    });
  taskGauge("tongban_review_tasks_open", "Running review tasks (waiting to be claimed or under review), per department code.", (t) => t.open);
  taskGauge("tongban_review_tasks_overdue", "Running review tasks past their due date (clock not stopped), per department code.", (t) => t.overdue);
}

/** The Prometheus text of this process: the infrastructure's metrics and the domain's figures. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  addCollector("domain", addDomainMetrics);
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** Forgets the cached figures (tests): the next scrape counts afresh. */
export function resetMetricsCache(): void {
  source = sources();
}

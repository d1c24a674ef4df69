import { asc, inArray, like } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import { addMonths } from "@/modules/credit/model";
import { recordCredit } from "@/modules/credit/record-credit";
import { creditRecords } from "@/modules/credit/schema";
import { departments } from "@/modules/identity/schema";
import { recomputeRisk } from "@/modules/risk/recompute-risk";
import type { Db } from "@/server/db/client";
import { entities } from "@/modules/identity/schema";
import type { DemoHistoryLayer, GeneratedHistory } from "./demo-history";
import type { Prng } from "./prng";

/** Every record this layer writes has a source key with this prefix, so replacing the history removes them. */
const keyPrefix = "demoHistory:";

type Dept = "market" | "ecology" | "fire" | "health" | "tax" | "humanResources";

/** What the departments of the demo history found, with its words (made up, the legal bases real). */
const penalties: ReadonlyArray<{ dept: Dept; title: string; content: string; legalBasis: string; serious?: true; prefix: string }> = [
  {
    dept: "market",
    title: "未按规定公示年度报告",
    content: "未按规定期限公示年度报告，责令改正，给予警告。",
    legalBasis: "《企业信息公示暂行条例》第十八条",
    prefix: "冀市监罚",
  },
  {
    dept: "market",
    title: "经营超过保质期的食品",
    content: "经营超过保质期的预包装食品，没收违法所得并处罚款人民币五千元。",
    legalBasis: "《中华人民共和国食品安全法》第一百二十四条",
    prefix: "冀市监罚",
  },
  {
    dept: "ecology",
    title: "油烟净化设施未正常运行",
    content: "餐饮油烟净化设施未正常使用，责令改正，处罚款人民币八千元。",
    legalBasis: "《中华人民共和国大气污染防治法》第一百一十八条",
    prefix: "冀环罚",
  },
  {
    dept: "fire",
    title: "占用、堵塞疏散通道",
    content: "占用、堵塞疏散通道，责令改正，处罚款人民币一万元。",
    legalBasis: "《中华人民共和国消防法》第六十条",
    prefix: "冀消行罚",
  },
  {
    dept: "health",
    title: "从业人员未取得健康证明",
    content: "安排未取得健康证明的人员从事接触直接入口食品的工作，给予警告。",
    legalBasis: "《中华人民共和国食品安全法》第一百二十六条",
    prefix: "冀卫罚",
  },
  {
    dept: "ecology",
    title: "未批先建",
    content: "建设项目环境影响报告表未经批准擅自开工建设，责令停止建设，处罚款人民币二十万元。",
    legalBasis: "《中华人民共和国环境影响评价法》第三十一条",
    serious: true,
    prefix: "冀环罚",
  },
];

const honour = { dept: "tax" as const, title: "纳税信用A级纳税人", content: "年度纳税信用评价为A级。", legalBasis: "《纳税信用管理办法（试行）》第二十九条" };
const listing = {
  dept: "humanResources" as const,
  title: "拖欠农民工工资失信联合惩戒对象名单",
  content: "拖欠农民工工资数额较大，经责令限期支付逾期未支付，列入失信联合惩戒对象名单。",
  legalBasis: "《保障农民工工资支付条例》第四十八条",
};

/** A random day of the history's span (its last `months` months before `end`). */
function dayIn(history: GeneratedHistory, rng: Prng, months: number): string {
  const end = shanghaiDate(history.end);
  const start = addMonths(end, -months);
  const span = Math.max(1, Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000));
  return new Date(Date.parse(`${start}T00:00:00Z`) + Math.floor(rng.next() * span) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Credit and supervision on top of the demo history (issue 13, item 7): the made-up enterprises
 * that applied get the penalties, honours and one dishonesty listing a province's year would
 * plausibly bring, dated inside the history; then the risk signals and this month's classes are
 * computed from all of it, so the data office's risk page, the public credit pages and the
 * disclosure page's penalties have something to show. Seeded: the same seed writes the same records.
 */
export const supervisionLayer: DemoHistoryLayer = {
  name: "supervision",
  async generate(tx: Db, history: GeneratedHistory, rng: Prng) {
    // The enterprises that applied in the history, in a fixed order.
    const applied = [...new Set(history.applications.map((a) => a.holderCode))].sort();
    const enterprises = applied.length
      ? await tx
          .select({ creditCode: entities.creditCode, name: entities.name })
          .from(entities)
          .where(inArray(entities.creditCode, applied))
          .orderBy(asc(entities.creditCode))
      : [];
    const codes: Dept[] = ["market", "ecology", "fire", "health", "tax", "humanResources"];
    const rows = await tx.select({ id: departments.id, code: departments.code }).from(departments).where(inArray(departments.code, codes));
    const dept = new Map(rows.map((d) => [d.code, d.id]));
    if (enterprises.length === 0 || codes.some((c) => !dept.has(c))) return { penalties: 0, honours: 0, listings: 0 };
    let n = 0;
    const counts = { penalties: 0, honours: 0, listings: 0 };
    const end = history.end;
    for (const e of enterprises) {
      const roll = rng.next();
      if (roll < 0.3) {
        // About a third were penalised once in the year; a few of them twice.
        const times = rng.chance(0.2) ? 2 : 1;
        for (let i = 0; i < times; i++) {
          const p = rng.pick(penalties);
          const decidedOn = dayIn(history, rng, 11);
          n += 1;
          await recordCredit(
            tx,
            {
              kind: "administrativePenalty",
              subjectCode: e.creditCode,
              subjectName: e.name,
              departmentId: dept.get(p.dept)!,
              title: p.title,
              content: p.content,
              documentNumber: `${p.prefix}〔${decidedOn.slice(0, 4)}〕${String(200 + n).padStart(4, "0")}号`,
              legalBasis: p.legalBasis,
              severity: p.serious ? "serious" : "general",
              decidedOn,
              sourceKey: `${keyPrefix}penalty:${n}`,
            },
            end,
          );
          counts.penalties += 1;
        }
      } else if (roll > 0.8) {
        const decidedOn = dayIn(history, rng, 10);
        n += 1;
        await recordCredit(
          tx,
          {
            kind: "honour",
            subjectCode: e.creditCode,
            subjectName: e.name,
            departmentId: dept.get(honour.dept)!,
            title: honour.title,
            content: honour.content,
            legalBasis: honour.legalBasis,
            decidedOn,
            validUntil: addMonths(decidedOn, 12),
            sourceKey: `${keyPrefix}honour:${n}`,
          },
          end,
        );
        counts.honours += 1;
      }
    }
    // One enterprise of the year was listed for unpaid wages after its penalties.
    const listed = rng.pick(enterprises);
    const listedOn = dayIn(history, rng, 4);
    await recordCredit(
      tx,
      {
        kind: "dishonestyList",
        subjectCode: listed.creditCode,
        subjectName: listed.name,
        departmentId: dept.get(listing.dept)!,
        title: listing.title,
        content: listing.content,
        documentNumber: `冀人社失信〔${listedOn.slice(0, 4)}〕${String(20 + n).padStart(3, "0")}号`,
        legalBasis: listing.legalBasis,
        decidedOn: listedOn,
        validUntil: addMonths(listedOn, 36),
        sourceKey: `${keyPrefix}listing`,
      },
      end,
    );
    counts.listings += 1;
    // The signals and this month's classes, from everything now in the shared data.
    const risk = await recomputeRisk(tx, null, end);
    return { ...counts, signals: risk.signals.found, classes: risk.classes.enterprises };
  },
  async remove(tx: Db) {
    await tx.delete(creditRecords).where(like(creditRecords.sourceKey, `${keyPrefix}%`));
  },
};

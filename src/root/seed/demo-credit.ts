import { inArray } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import { recordCredit } from "@/modules/credit/record-credit";
import { addMonths } from "@/modules/credit/model";
import { buildCreditCode } from "@/modules/identity/credit-code";
import { departments } from "@/modules/identity/schema";
import type { Db } from "@/server/db/client";

/** A made-up enterprise that is on a dishonesty list (its code is built from a made-up body; no real entity has it). */
export const demoListedEnterprise = {
  creditCode: buildCreditCode({ authority: "9", category: "1", divisionCode: "130104", organisationBody: "MA0TB009" }),
  name: "石家庄示例建材有限公司",
};

/**
 * The demo's credit records, dated relative to the seeding day so the periods make sense whenever
 * the demo starts: a general penalty inside its 1-year publication period, one outside it (kept,
 * not public), an honour, and a dishonesty-list entry of a made-up enterprise. Idempotent (each has
 * a source key).
 */
export async function seedDemoCredit(db: Db, enterprises: ReadonlyArray<{ creditCode: string; name: string }>, now: Date = new Date()): Promise<void> {
  const today = shanghaiDate(now);
  const rows = await db
    .select({ id: departments.id, code: departments.code })
    .from(departments)
    .where(inArray(departments.code, ["market", "tax", "humanResources"]));
  const dept = new Map(rows.map((d) => [d.code, d.id]));
  const [shop, restaurant] = enterprises;
  const market = dept.get("market");
  const tax = dept.get("tax");
  const labour = dept.get("humanResources");
  if (!market || !tax || !labour || !shop || !restaurant) return;
  const recent = addMonths(today, -2);
  const old = addMonths(today, -18);
  await recordCredit(
    db,
    {
      kind: "administrativePenalty",
      subjectCode: shop.creditCode,
      subjectName: shop.name,
      departmentId: market,
      title: "未按规定公示年度报告",
      content: "未按规定期限公示2025年度报告，责令改正，给予警告并处罚款人民币二千元。",
      documentNumber: `冀市监罚〔${recent.slice(0, 4)}〕0101号`,
      legalBasis: "《企业信息公示暂行条例》第十八条；《市场主体登记管理条例》第四十六条",
      severity: "general",
      decidedOn: recent,
      sourceKey: "demo:penalty-recent",
    },
    now,
  );
  await recordCredit(
    db,
    {
      kind: "administrativePenalty",
      subjectCode: restaurant.creditCode,
      subjectName: restaurant.name,
      departmentId: market,
      title: "餐饮服务环境卫生不符合要求",
      content: "后厨环境卫生不符合食品安全要求，给予警告。",
      documentNumber: `冀市监罚〔${old.slice(0, 4)}〕0033号`,
      legalBasis: "《中华人民共和国食品安全法》第一百二十六条",
      severity: "general",
      decidedOn: old,
      sourceKey: "demo:penalty-expired",
    },
    now,
  );
  await recordCredit(
    db,
    {
      kind: "honour",
      subjectCode: restaurant.creditCode,
      subjectName: restaurant.name,
      departmentId: tax,
      title: "纳税信用A级纳税人",
      content: "年度纳税信用评价为A级。",
      legalBasis: "《纳税信用管理办法（试行）》第二十九条",
      decidedOn: addMonths(today, -6),
      validUntil: addMonths(today, 6),
      sourceKey: "demo:honour",
    },
    now,
  );
  await recordCredit(
    db,
    {
      kind: "dishonestyList",
      subjectCode: demoListedEnterprise.creditCode,
      subjectName: demoListedEnterprise.name,
      departmentId: labour,
      title: "拖欠农民工工资失信联合惩戒对象名单",
      content: "克扣、无故拖欠农民工工资数额较大，经责令限期支付逾期未支付，列入失信联合惩戒对象名单。",
      documentNumber: `冀人社失信〔${recent.slice(0, 4)}〕007号`,
      legalBasis: "《保障农民工工资支付条例》第四十八条；《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》第五条",
      decidedOn: recent,
      validUntil: addMonths(recent, 36),
      sourceKey: "demo:dishonesty-list",
    },
    now,
  );
}

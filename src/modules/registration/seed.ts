import type { Db } from "@/server/db/client";
import { normaliseTradeName } from "./model";
import { enterpriseNames } from "./schema";

/**
 * Names already registered in the demo province (made-up): the demo enterprises' own and a few
 * more, so a founder's declaration has something to be compared with. Insert-or-nothing.
 */
const registeredNames = [
  { divisionCode: "130100", divisionName: "石家庄", tradeName: "通办示范", industry: "商贸", form: "有限公司" },
  { divisionCode: "130600", divisionName: "保定", tradeName: "云帆示例", industry: "餐饮管理", form: "有限公司" },
  { divisionCode: "130100", divisionName: "石家庄", tradeName: "云帆", industry: "商贸", form: "有限公司" },
  { divisionCode: "130100", divisionName: "石家庄", tradeName: "远景示例", industry: "科技", form: "有限公司" },
  { divisionCode: "130600", divisionName: "保定", tradeName: "青禾", industry: "食品", form: "有限公司" },
];

export async function seedRegisteredNames(db: Db): Promise<void> {
  await db
    .insert(enterpriseNames)
    .values(
      registeredNames.map((n) => ({
        ...n,
        fullName: `${n.divisionName}${n.tradeName}${n.industry}${n.form}`,
        normalisedTrade: normaliseTradeName(n.tradeName),
        status: "registered" as const,
      })),
    )
    .onConflictDoNothing();
}

import { issueOrSupersede, signUnsigned } from "@/modules/sharing/registry";
import type { Db } from "@/server/db/client";
import type { demoEnterprises } from "./demo";

/** The made-up registered particulars of the demo enterprises' licences, by name. */
const particulars: Record<string, { registeredCapital: string; businessAddress: string; businessScope: string }> = {
  石家庄通办示范商贸有限公司: { registeredCapital: "200", businessAddress: "河北省石家庄市长安区中山东路 100 号", businessScope: "日用百货销售；企业管理咨询" },
  保定市云帆示例餐饮有限公司: {
    registeredCapital: "50",
    businessAddress: "河北省保定市竞秀区朝阳北大街 8 号",
    businessScope: "餐饮服务；食品销售（仅销售预包装食品）",
  },
  保定市示例建工有限公司: { registeredCapital: "1000", businessAddress: "河北省保定市竞秀区东风西路 20 号", businessScope: "建筑工程施工" },
};

/**
 * Certificates government already issued to the demo holders, so the portal can show them as
 * "supplied by government": a business licence for each demo enterprise, naming its legal
 * representative (ID cards come with the population register). A licence from before the
 * legal representative's ID number was recorded is reissued with it.
 */
export async function seedDemoCertificates(db: Db, enterprises: typeof demoEnterprises): Promise<void> {
  for (const e of enterprises) {
    await issueOrSupersede(
      db,
      {
        typeCode: "businessLicence",
        holderCode: e.creditCode,
        holderName: e.name,
        answers: { entityType: "limitedLiabilityCompany", ...particulars[e.name] },
        facts: { legalRepresentative: e.legalRepresentative.name, legalRepresentativeIdNumber: e.legalRepresentative.idNumber },
        issuedOn: "2024-05-20",
      },
      ["legalRepresentativeIdNumber", "businessAddress"],
    );
  }
  await signUnsigned(db);
}

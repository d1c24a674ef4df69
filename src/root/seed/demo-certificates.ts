import { issueOrSupersede, signUnsigned } from "@/modules/sharing/registry";
import type { Db } from "@/server/db/client";
import type { demoEnterprises } from "./demo";

/**
 * The made-up registered particulars of a demo licence, by the enterprise's name: the restaurant
 * company's, so a change registration starts from an address and a capital read from its licence.
 */
const particulars: Partial<Record<string, { registeredCapital: string; businessAddress: string; businessScope: string }>> = {
  保定市云帆示例餐饮有限公司: {
    registeredCapital: "50",
    businessAddress: "河北省保定市竞秀区朝阳北大街 8 号",
    businessScope: "餐饮服务；食品销售（仅销售预包装食品）",
  },
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
      particulars[e.name] ? ["legalRepresentativeIdNumber", "businessAddress"] : ["legalRepresentativeIdNumber"],
    );
  }
  await signUnsigned(db);
}

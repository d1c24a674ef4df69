import { issueOrSupersede, signUnsigned } from "@/modules/sharing/registry";
import type { Db } from "@/server/db/client";
import type { demoEnterprises } from "./demo";

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
        answers: { entityType: "limitedLiabilityCompany" },
        facts: { legalRepresentative: e.legalRepresentative.name, legalRepresentativeIdNumber: e.legalRepresentative.idNumber },
        issuedOn: "2024-05-20",
      },
      ["legalRepresentativeIdNumber"],
    );
  }
  await signUnsigned(db);
}

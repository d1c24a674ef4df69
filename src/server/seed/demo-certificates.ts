import { issueUnlessHeld, signUnsigned } from "@/modules/sharing/registry";
import type { Db } from "@/server/db/client";
import { demoCitizens, demoEnterprises } from "./demo";

/**
 * Certificates government already issued to the demo holders, so the portal can show them as
 * "supplied by government": a business licence for each demo enterprise, an ID card for each citizen.
 */
export async function seedDemoCertificates(db: Db): Promise<void> {
  const wanted = [
    ...demoEnterprises.map((e) => ({
      typeCode: "businessLicence",
      holderCode: e.creditCode,
      holderName: e.name,
      fields: { name: e.name, creditCode: e.creditCode, legalRepresentative: e.legalRepresentative, entityType: "有限责任公司" },
      issuedOn: "2024-05-20",
    })),
    ...demoCitizens.map((c) => ({
      typeCode: "residentIdCard",
      holderCode: c.idNumber,
      holderName: c.name,
      fields: { name: c.name, idNumber: c.idNumber },
      issuedOn: "2020-09-01",
    })),
  ];
  for (const w of wanted) await issueUnlessHeld(db, w);
  await signUnsigned(db);
}

import { reissueWithDeclaredFields, sealPlaintextKeys } from "@/modules/sharing/registry";
import type { Db } from "@/server/db/client";

/**
 * Data upgrades that SQL migrations cannot do because they need a key kept outside the database.
 * Run by every `migrate` (start-up, `npm run db:migrate`, tests) after the SQL migrations; each is
 * idempotent.
 */
export async function upgradeData(db: Db): Promise<void> {
  // Department signing keys stored in plaintext before envelope encryption: sealed under the KEK.
  await sealPlaintextKeys(db);
  // Certificates from before types declared their fields (migration 0012): re-issued in place with
  // only their declared fields and re-signed by the issuing department's key. A type still in the
  // converted shape waits for its definition (the province file's import runs this again).
  await reissueWithDeclaredFields(db);
}

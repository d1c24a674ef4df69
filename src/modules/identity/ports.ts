import { definePort } from "@/lib/ports";
import type { Db } from "@/server/db/client";
import type { Actor } from "./model";

/** What a business licence in the shared data layer says of who represents an enterprise. */
export interface LicenceFacts {
  number: string;
  creditCode: string;
  name: string;
  legalRepresentative: string;
  legalRepresentativeIdNumber: string | null;
}

/**
 * The registers identity checks people and enterprises against. They are kept by the shared data
 * layer (sharing: public security's population register, market regulation's licences), which is
 * above identity in the module order; the root provides the implementation. Each read is logged by
 * the provider in the holder's data log.
 */
export interface IdentityRegisters {
  /** The name and ID number match a living person of the population register (实名核验). */
  matchPerson(db: Db, person: { idNumber: string; name: string }, reader: Actor | null): Promise<boolean>;
  /** The enterprise's valid business licence, read to check a claim to represent it (法人注册). */
  readLicenceForClaim(db: Db, reader: Actor, creditCode: string, now: Date): Promise<LicenceFacts | null>;
}

export const identityRegisters = definePort<IdentityRegisters>("identity.registers");

import { DomainError } from "@/lib/domain-error";
import type { Actor } from "../identity/model";

/** The dashboard is the data office's: checked again inside each use case, behind the procedure's role guard. */
export function assertDataOffice(actor: Actor): void {
  if (actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
}

import type { SessionPolicy } from "@/modules/identity/sessions";
import { env } from "@/server/env";

/** The session lifetimes from the environment: idle (SESSION_MAX_AGE_MINUTES) and absolute (SESSION_ABSOLUTE_HOURS). */
export function sessionPolicy(): SessionPolicy {
  const e = env();
  return { idleMinutes: e.SESSION_MAX_AGE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS };
}

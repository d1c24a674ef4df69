import type { ExchangeClient } from "@/modules/exchange/client";
import { deliverJointOutbox, type JointHandlers } from "@/modules/exchange/joint";
import { jointDelivered, jointHandlers } from "@/modules/applications/joint-review";
import { runFanIn } from "@/modules/review/fan-in";
import type { Db } from "@/server/db/client";

// 多地联办: the exchange's joint endpoint and outbox job, wired to casework (the exchange sits
// below casework in the module order, so it takes casework's handlers as arguments).

/** What the joint endpoint does with a checked message: casework's handlers, the fan-in run by the system. */
export const nodeJointHandlers: JointHandlers = jointHandlers((tx, app, now) => runFanIn(tx, app, null, now));

/** The `exchange.jointOutbox` job: sends what is due, records acknowledgements and refusals on the parts. */
export function deliverJoint(db: Db, client: ExchangeClient, now: Date = new Date()): Promise<number> {
  return deliverJointOutbox(db, client, jointDelivered, now);
}

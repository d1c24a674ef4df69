import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { staff, users } from "@/modules/identity/schema";
import type { NotificationKind } from "./model";
import { outbox } from "./schema";

export { notificationKinds, type NotificationKind } from "./model";

export interface NotifyInput {
  kind: NotificationKind;
  /**
   * Who is told: named users, the active reviewers of the named departments, and/or every
   * active window clerk. Duplicates are removed.
   */
  to: { userIds?: string[]; departmentIds?: string[]; windowClerks?: boolean };
  applicationId?: string | null;
  /**
   * The kind's params (`title` is the service or bundle name, `department` a department name,
   * `dueDate` a `YYYY-MM-DD` date; stored as given and shown in both languages):
   *
   * | kind | params |
   * |---|---|
   * | applicationSubmitted | trackingNumber, title |
   * | applicationAccepted | trackingNumber, title |
   * | applicationNotAccepted | trackingNumber, title, reason |
   * | completionRequested | trackingNumber, title |
   * | supplementNotice | trackingNumber, title, count, dueDate (the notice's deadline) |
   * | supplementOverdue | trackingNumber, title, dueDate (to the data office and the asking departments) |
   * | taskOpened | trackingNumber, title, dueDate, provisional (yes/no) |
   * | taskDecided | trackingNumber, title, department, outcome (`approved` / `denied` / `supplementRequested`) |
   * | applicationApproved | trackingNumber, title |
   * | applicationDenied | trackingNumber, title, reason |
   * | certificateIssued | trackingNumber, certificate, number |
   * | dueReminder | trackingNumber, title, dueDate, provisional (yes/no) |
   * | taskOverdue | trackingNumber, title, dueDate, provisional (yes/no) |
   * | deemedApproved | trackingNumber, title, department |
   * | applicationWithdrawn | trackingNumber, title |
   * | certificateRevoked | trackingNumber, title, certificate, number, reason |
   * | certificateExpired | trackingNumber, title, certificate, number |
   * | accessQuestionAnswered | question |
   * | enterpriseRegistered | trackingNumber, name, creditCode, number |
   * | dueDateChanged | trackingNumber, title, department, previousDueDate, dueDate |
   */
  params: Record<string, string | number>;
}

/**
 * Queues a notification in the caller's transaction: one outbox row, turned into inbox items
 * and email by `dispatchOutbox` after commit. A rolled-back change therefore notifies nobody.
 * With no recipient nothing is written.
 */
export async function notify(tx: Db, input: NotifyInput): Promise<void> {
  const recipients = new Set<string>(input.to.userIds ?? []);
  const departmentIds = [...new Set(input.to.departmentIds ?? [])];
  if (departmentIds.length > 0) {
    const reviewers = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(staff, eq(staff.userId, users.id))
      .where(and(eq(users.role, "reviewer"), eq(users.active, true), inArray(staff.departmentId, departmentIds)));
    for (const r of reviewers) recipients.add(r.id);
  }
  if (input.to.windowClerks) {
    const clerks = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "windowClerk"), eq(users.active, true)));
    for (const c of clerks) recipients.add(c.id);
  }
  if (recipients.size === 0) return;
  await tx
    .insert(outbox)
    .values({ kind: input.kind, recipientUserIds: [...recipients].sort(), applicationId: input.applicationId ?? null, params: input.params });
}

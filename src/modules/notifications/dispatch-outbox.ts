import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { users } from "@/modules/identity/schema";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { defaultSender, smtpMailer, type Mailer } from "./mailer";
import { emailFooter, renderNotification } from "./render";
import { notifications, outbox } from "./schema";

export interface DispatchOptions {
  /** Outbox rows per run. */
  batchSize?: number;
  /** Defaults to the SMTP transport from SMTP_URL; `null` sends no email. */
  mailer?: Mailer | null;
  /** Defaults to SMTP_FROM. */
  from?: string;
}

interface Mail {
  outboxId: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Turns pending outbox rows into inbox items (one per recipient) and email, and returns how many
 * rows it processed. Safe to run on several nodes at once and to run twice:
 * - rows are claimed with `FOR UPDATE SKIP LOCKED`, so two dispatchers take different rows;
 * - an inbox item is unique on (outbox_id, user_id), so a row delivered again adds nothing.
 *
 * Email is sent after the claiming transaction commits: SMTP can take seconds, and on PGlite
 * an open transaction blocks every other query of the portal. So email is sent at most once —
 * a crash between commit and sending loses it, the inbox item stays — and a failure is written
 * to the row's `lastError` rather than thrown.
 */
export async function dispatchOutbox(db: Db, options: DispatchOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 50;
  const mailer = options.mailer === undefined ? smtpMailer() : options.mailer;
  const from = options.from ?? env().SMTP_FROM ?? defaultSender;

  const { processed, mails } = await db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outbox)
      .where(isNull(outbox.processedAt))
      .orderBy(asc(outbox.createdAt))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    if (rows.length === 0) return { processed: 0, mails: [] as Mail[] };

    const recipientIds = [...new Set(rows.flatMap((r) => r.recipientUserIds))];
    // Only users that exist: a stray id must not make the row fail on the foreign key forever.
    const recipients = recipientIds.length
      ? await tx.select({ id: users.id, email: users.email, active: users.active }).from(users).where(inArray(users.id, recipientIds))
      : [];
    const byId = new Map(recipients.map((u) => [u.id, u]));

    const items = rows.flatMap((row) =>
      row.recipientUserIds
        .filter((userId) => byId.has(userId))
        .map((userId) => ({
          userId,
          outboxId: row.id,
          kind: row.kind,
          applicationId: row.applicationId,
          params: row.params,
          // The time of the event, not of the dispatch.
          createdAt: row.createdAt,
        })),
    );
    if (items.length > 0) {
      await tx
        .insert(notifications)
        .values(items)
        .onConflictDoNothing({ target: [notifications.outboxId, notifications.userId] });
    }
    await tx
      .update(outbox)
      .set({ processedAt: sql`now()`, attempts: sql`${outbox.attempts} + 1` })
      .where(
        and(
          inArray(
            outbox.id,
            rows.map((r) => r.id),
          ),
          isNull(outbox.processedAt),
        ),
      );

    const mails: Mail[] = [];
    if (mailer) {
      for (const row of rows) {
        // Email is always in Chinese: the address has no language preference attached.
        const { title, body } = renderNotification("zh-CN", row.kind, row.params);
        for (const userId of new Set(row.recipientUserIds)) {
          const user = byId.get(userId);
          if (user?.active && user.email) {
            mails.push({ outboxId: row.id, to: user.email, subject: `【通办】${title}`, text: `${body}\n\n${emailFooter("zh-CN")}` });
          }
        }
      }
    }
    return { processed: rows.length, mails };
  });

  if (mailer && mails.length > 0) {
    const errors = new Map<string, string[]>();
    for (const mail of mails) {
      try {
        await mailer.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        errors.set(mail.outboxId, [...(errors.get(mail.outboxId) ?? []), `${mail.to}: ${message}`]);
      }
    }
    for (const [outboxId, lines] of errors) {
      await db
        .update(outbox)
        .set({ lastError: lines.join("\n").slice(0, 2000) })
        .where(eq(outbox.id, outboxId));
    }
  }
  return processed;
}

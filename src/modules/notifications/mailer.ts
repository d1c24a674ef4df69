import { createTransport } from "nodemailer";
import { env } from "@/server/env";

/** What the dispatcher needs from an email transport (nodemailer's, or a fake in tests). */
export interface Mailer {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export const defaultSender = "通办 <no-reply@tongban.invalid>";

const globalForMail = globalThis as unknown as { __tongbanMailer?: { url: string; mailer: Mailer } };

/** The SMTP transport from SMTP_URL, one per process; null when email is not configured. */
export function smtpMailer(): Mailer | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (globalForMail.__tongbanMailer?.url !== url) {
    // Short timeouts unless the URL sets its own (nodemailer reads options from the query string):
    // a dead mail server must not hold up the dispatch loop for minutes.
    const withTimeouts = new URL(url);
    for (const [key, ms] of [
      ["connectionTimeout", "10000"],
      ["greetingTimeout", "10000"],
      ["socketTimeout", "20000"],
    ] as const) {
      if (!withTimeouts.searchParams.has(key)) withTimeouts.searchParams.set(key, ms);
    }
    globalForMail.__tongbanMailer = { url, mailer: createTransport(withTimeouts.toString()) };
  }
  return globalForMail.__tongbanMailer.mailer;
}

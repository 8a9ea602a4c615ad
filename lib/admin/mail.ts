import "server-only";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export function isMailConfigured(): boolean {
  return Boolean(env.SMTP_URL);
}

/** Sends a plain-text mail through SMTP_URL; false (logged) when unset or when sending fails. */
export async function sendMail({ to, subject, text }: { to: string; subject: string; text: string }): Promise<boolean> {
  if (!env.SMTP_URL) return false;
  try {
    const { createTransport } = await import("nodemailer");
    const transport = createTransport(env.SMTP_URL);
    await transport.sendMail({ from: env.SMTP_FROM ?? `Shoal <no-reply@${new URL(env.AUTH_URL ?? "http://localhost").hostname}>`, to, subject, text });
    return true;
  } catch (e) {
    log.warn("mail not sent", { error: e });
    return false;
  }
}

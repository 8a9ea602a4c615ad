import "server-only";
import { env } from "@/lib/env";

// One JSON object per line on stdout/stderr, so any log collector can parse it. Secrets never
// appear: fields with secret-looking names are replaced, and the configured secret values are
// scrubbed from every string (error messages included) before writing.
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /authorization|cookie|secret|password|passwd|api[-_]?key|token|session/i;
const REDACTED = "[redacted]";

function secretValues(): string[] {
  return [env.DEEPSEEK_API_KEY, env.AUTH_SECRET, env.AUTH_GITHUB_SECRET, env.AUTH_GOOGLE_SECRET, env.AUTH_OIDC_SECRET].filter((v): v is string => Boolean(v && v.length >= 8));
}

function scrubString(s: string, secrets: string[]): string {
  let out = s;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  // Bearer credentials and DeepSeek-style keys that are not ours (e.g. echoed by an upstream error).
  return out.replace(/Bearer\s+[\w.~+/-]+=*/gi, `Bearer ${REDACTED}`).replace(/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED);
}

/** A JSON-safe copy of `value` with secrets removed. Exported for tests. */
export function redact(value: unknown, secrets = secretValues(), depth = 0): unknown {
  if (typeof value === "string") return scrubString(value, secrets);
  if (value === null || typeof value !== "object") return value;
  if (depth > 6) return "[truncated]";
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: scrubString(value.message, secrets),
      ...(code !== undefined ? { code: redact(code, secrets, depth + 1) } : {}),
      ...(value.stack ? { stack: scrubString(value.stack.split("\n").slice(0, 8).join("\n"), secrets) } : {}),
      ...(value.cause !== undefined ? { cause: redact(value.cause, secrets, depth + 1) } : {}),
    };
  }
  if (value instanceof Headers) return redact(Object.fromEntries(value), secrets, depth);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, secrets, depth + 1);
  return out;
}

export type LogFields = Record<string, unknown>;

function write(level: Level, msg: string, fields: LogFields = {}): void {
  if (ORDER[level] < ORDER[env.LOG_LEVEL]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...(redact(fields) as LogFields) });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
}

export const log = {
  debug: (msg: string, fields?: LogFields) => write("debug", msg, fields),
  info: (msg: string, fields?: LogFields) => write("info", msg, fields),
  warn: (msg: string, fields?: LogFields) => write("warn", msg, fields),
  error: (msg: string, fields?: LogFields) => write("error", msg, fields),
};

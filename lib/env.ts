import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, providerFromUrl } from "./db/url";

// The only module that reads process.env. Everything else imports `env`.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .superRefine((url, ctx) => {
      try {
        providerFromUrl(url);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
      }
    }),
  DEEPSEEK_API_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  DEEPSEEK_BASE_URL: z
    .url({ protocol: /^https?$/, message: "DEEPSEEK_BASE_URL must be an http(s) URL, e.g. https://api.deepseek.com" })
    .default("https://api.deepseek.com")
    .transform((v) => v.replace(/\/+$/, "")),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters (use `openssl rand -base64 32`)").optional(),
  DEFAULT_MODEL: z.string().default("deepseek-flash"),
  MODELS_CACHE_SECONDS: z.coerce.number().int().min(0).default(300),
  REDIS_URL: z.url({ protocol: /^rediss?$/, message: "REDIS_URL must be a redis:// or rediss:// URL" }).optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/).default("shoal"),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  MAX_STREAMS_PER_USER: z.coerce.number().int().min(0).default(3),
  MAX_STREAMS_TOTAL: z.coerce.number().int().min(0).default(50),
  BALANCE_REFRESH_MINUTES: z.coerce.number().int().min(0).default(30),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(25),
  // Set by `npm start` and the Docker entrypoint: Next.js then leaves SIGTERM to Shoal, which drains
  // running answers first.
  NEXT_MANUAL_SIG_HANDLE: z.string().optional(),
  DEEPSEEK_IDLE_TIMEOUT_SECONDS: z.coerce
    .number({ message: "DEEPSEEK_IDLE_TIMEOUT_SECONDS must be a number of seconds" })
    .positive("DEEPSEEK_IDLE_TIMEOUT_SECONDS must be greater than 0")
    .max(3600, "DEEPSEEK_IDLE_TIMEOUT_SECONDS must be at most 3600")
    .default(120),
  DEEPSEEK_MAX_RETRIES: z.coerce
    .number({ message: "DEEPSEEK_MAX_RETRIES must be a whole number from 0 to 10" })
    .int("DEEPSEEK_MAX_RETRIES must be a whole number from 0 to 10")
    .min(0, "DEEPSEEK_MAX_RETRIES must be a whole number from 0 to 10")
    .max(10, "DEEPSEEK_MAX_RETRIES must be a whole number from 0 to 10")
    .default(3),
  AUTH_URL: z.url({ protocol: /^https?$/, message: "AUTH_URL must be the public http(s) URL, e.g. https://shoal.example.com" }).optional(),
  // Single sign-on: each provider is on when its variables are set (see lib/auth/sso/providers.ts).
  AUTH_GITHUB_ID: z.string().trim().optional(),
  AUTH_GITHUB_SECRET: z.string().trim().optional(),
  AUTH_GOOGLE_ID: z.string().trim().optional(),
  AUTH_GOOGLE_SECRET: z.string().trim().optional(),
  AUTH_OIDC_ISSUER: z
    .url({ protocol: /^https?$/, message: "AUTH_OIDC_ISSUER must be the provider's issuer URL, e.g. https://sso.example.com/realms/team" })
    .optional(),
  AUTH_OIDC_ID: z.string().trim().optional(),
  AUTH_OIDC_SECRET: z.string().trim().optional(),
  AUTH_OIDC_NAME: z.string().trim().min(1).max(40, "AUTH_OIDC_NAME must be at most 40 characters").default("SSO"),
  AUTH_OIDC_TRUST_EMAIL: z
    .enum(["true", "false", "1", "0"], { message: "AUTH_OIDC_TRUST_EMAIL must be true or false" })
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  // Initial sign-up policy; admins change it in the console (the stored value then wins).
  SIGNUP_POLICY: z.enum(["open", "invite", "closed"], { message: "SIGNUP_POLICY must be open, invite or closed" }).default("open"),
  SIGNUP_EMAIL_DOMAINS: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean)),
  SIGNUP_REQUIRE_APPROVAL: z
    .enum(["true", "false", "1", "0"], { message: "SIGNUP_REQUIRE_APPROVAL must be true or false" })
    .optional()
    .transform((v) => v === "true" || v === "1"),
  // Failed sign-ins allowed per 15 minutes, per account and per client IP; 0 = no limit.
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(0).default(10),
  SIGNIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(0).default(50),
  // Optional mail for admin-issued password reset links, e.g. smtp://user:pass@smtp.example.com:587.
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: "SMTP_URL must be an smtp:// or smtps:// URL" }).optional(),
  SMTP_FROM: z.string().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"], { message: "LOG_LEVEL must be debug, info, warn or error" }).default("info"),
  // Set by the hosts themselves; only their presence matters.
  VERCEL: z.string().optional(),
  AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
  NETLIFY: z.string().optional(),
});

/** Which serverless host the app runs on (from the variables those hosts set), or null. */
export function serverlessHost(e: Pick<z.infer<typeof schema>, "VERCEL" | "AWS_LAMBDA_FUNCTION_NAME" | "NETLIFY">): string | null {
  if (e.VERCEL) return "VERCEL";
  if (e.AWS_LAMBDA_FUNCTION_NAME) return "AWS_LAMBDA_FUNCTION_NAME";
  if (e.NETLIFY) return "NETLIFY";
  return null;
}

// Serverless functions have no persistent disk and run many copies: SQLite would silently lose
// data, and a generated data/auth-secret would differ per copy.
// A provider is enabled only when all of its variables are set; a half-configured one is a mistake.
const SSO_VARIABLES = {
  GitHub: ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
  Google: ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
  OIDC: ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
} as const;

const checked = schema.superRefine((e, ctx) => {
  for (const [label, vars] of Object.entries(SSO_VARIABLES)) {
    const set = vars.filter((v) => e[v] !== undefined);
    if (set.length === vars.length && !e.AUTH_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_URL"],
        message: `AUTH_URL is required for ${label} sign-in: the provider sends users back to <AUTH_URL>/api/auth/callback/…, which must match the URL you registered`,
      });
    }
    if (set.length > 0 && set.length < vars.length) {
      for (const v of vars.filter((x) => e[x] === undefined)) {
        ctx.addIssue({ code: "custom", path: [v], message: `${v} is required to enable ${label} sign-in (${set.join(", ")} is set)` });
      }
    }
  }
  const host = serverlessHost(e);
  if (!host) return;
  if (providerFromUrl(e.DATABASE_URL) === "sqlite") {
    ctx.addIssue({
      code: "custom",
      path: ["DATABASE_URL"],
      message: `SQLite cannot be used on a serverless host (${host} is set): set DATABASE_URL to a hosted PostgreSQL URL (postgresql://…)`,
    });
  }
  if (!e.AUTH_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["AUTH_SECRET"],
      message: `AUTH_SECRET is required on a serverless host (${host} is set): \`openssl rand -base64 32\``,
    });
  }
});

export type Env = z.infer<typeof checked>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const blanked = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
  const result = checked.safeParse(blanked);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

let cachedSecret: string | undefined;

/**
 * Read lazily (at the first request, not at build time): AUTH_SECRET, or the secret that
 * `npm run db:migrate` writes to data/auth-secret so a zero-config `npm start` works.
 */
export function getAuthSecret(): string {
  if (cachedSecret) return cachedSecret;
  let secret = env.AUTH_SECRET;
  if (!secret) {
    try {
      secret = fs.readFileSync(path.join(process.cwd(), "data", "auth-secret"), "utf8").trim();
    } catch {
      secret = undefined;
    }
  }
  if (!secret) {
    throw new Error("AUTH_SECRET is not set and data/auth-secret does not exist (`npm run db:migrate` creates it).");
  }
  cachedSecret = secret;
  return secret;
}

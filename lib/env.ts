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
  // Set by `npm start`: Next.js then leaves SIGTERM to Shoal, which drains running answers first.
  NEXT_MANUAL_SIG_HANDLE: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const blanked = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
  const result = schema.safeParse(blanked);
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

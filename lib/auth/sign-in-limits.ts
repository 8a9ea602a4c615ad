import "server-only";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { normalizeEmail } from "@/lib/db/queries/users";
import { env } from "@/lib/env";
import { redis } from "@/lib/usage/limits";

// Failed sign-ins are counted per account (the normalized email, whether or not it exists, so a
// refusal says nothing about existence) and per client IP, in Redis when REDIS_URL is set.
const WINDOW_SECONDS = 15 * 60;

const g = globalThis as { shoalSignInLimiters?: { account: RateLimiterAbstract; ip: RateLimiterAbstract } };

function limiters() {
  if (g.shoalSignInLimiters) return g.shoalSignInLimiters;
  const client = redis();
  const make = (name: string, points: number) =>
    client
      ? new RateLimiterRedis({ storeClient: client, keyPrefix: `${env.REDIS_KEY_PREFIX}:signin:${name}`, points: Math.max(points, 1), duration: WINDOW_SECONDS })
      : new RateLimiterMemory({ keyPrefix: `shoal:signin:${name}`, points: Math.max(points, 1), duration: WINDOW_SECONDS });
  g.shoalSignInLimiters = { account: make("account", env.SIGNIN_MAX_FAILURES_PER_ACCOUNT), ip: make("ip", env.SIGNIN_MAX_FAILURES_PER_IP) };
  return g.shoalSignInLimiters;
}

/**
 * The client address as the nearest proxy saw it: the last X-Forwarded-For entry (Next.js or the
 * reverse proxy appends it; earlier entries are whatever the client claimed).
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  return last || headers.get("x-real-ip") || "unknown";
}

async function used(limiter: RateLimiterAbstract, key: string): Promise<number> {
  return (await limiter.get(key))?.consumedPoints ?? 0;
}

/** True when this account or this IP has used up its failed attempts for the window. */
export async function isSignInLimited({ email, ip }: { email: string; ip: string }): Promise<boolean> {
  const { account, ip: byIp } = limiters();
  const perAccount = env.SIGNIN_MAX_FAILURES_PER_ACCOUNT;
  const perIp = env.SIGNIN_MAX_FAILURES_PER_IP;
  if (perAccount > 0 && (await used(account, normalizeEmail(email))) >= perAccount) return true;
  if (perIp > 0 && (await used(byIp, ip)) >= perIp) return true;
  return false;
}

export async function recordSignInFailure({ email, ip }: { email: string; ip: string }): Promise<void> {
  const { account, ip: byIp } = limiters();
  // penalty() adds points without throwing when the limit is passed.
  await Promise.all([
    env.SIGNIN_MAX_FAILURES_PER_ACCOUNT > 0 ? account.penalty(normalizeEmail(email)) : undefined,
    env.SIGNIN_MAX_FAILURES_PER_IP > 0 ? byIp.penalty(ip) : undefined,
  ]);
}

/** A successful sign-in clears the account's count (the IP's count stays). */
export async function clearSignInFailures({ email }: { email: string }): Promise<void> {
  await limiters().account.delete(normalizeEmail(email));
}

import "server-only";
import { randomUUID } from "node:crypto";
import Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Rate limit (requests per minute per user) via rate-limiter-flexible, and a cap on concurrent
// streams per user and per instance. Both live in Redis when REDIS_URL is set, so several app
// instances share them; otherwise in this process's memory.

/** A slot outlives a crashed process only this long (the longest route runs 800 s). */
const SLOT_TTL_MS = 15 * 60_000;

const g = globalThis as { shoalRedis?: Redis; shoalRpm?: RateLimiterAbstract; shoalSlots?: SlotStore };

/** The shared Redis client when REDIS_URL is set (also used by the sign-in limiter). */
export function redis(): Redis | undefined {
  if (!env.REDIS_URL) return undefined;
  g.shoalRedis ??= new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  return g.shoalRedis;
}

function rpmLimiter(): RateLimiterAbstract {
  const client = redis();
  g.shoalRpm ??= client
    ? new RateLimiterRedis({ storeClient: client, keyPrefix: `${env.REDIS_KEY_PREFIX}:rpm`, points: env.RATE_LIMIT_PER_MINUTE, duration: 60 })
    : new RateLimiterMemory({ keyPrefix: "shoal:rpm", points: env.RATE_LIMIT_PER_MINUTE, duration: 60 });
  return g.shoalRpm;
}

/** Counts one request against the user's per-minute limit; throws `rate_limit:limits` when over it. */
export async function consumeRequest(userId: string): Promise<void> {
  if (env.RATE_LIMIT_PER_MINUTE === 0) return;
  try {
    await rpmLimiter().consume(userId);
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      throw new AppError("rate_limit:limits", { limit: env.RATE_LIMIT_PER_MINUTE, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) });
    }
    throw e;
  }
}

type SlotStore = {
  acquire(userId: string, id: string, perUser: number, total: number): Promise<0 | 1 | 2>;
  release(userId: string, id: string): Promise<void>;
};

// Sorted sets scored by expiry: expired slots are dropped first, then both caps are checked and the
// slot added in one atomic step.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
if tonumber(ARGV[4]) > 0 and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 1 end
if tonumber(ARGV[5]) > 0 and redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return 2 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
return 0`;

function redisSlots(client: Redis): SlotStore {
  const keys = (userId: string) => [`${env.REDIS_KEY_PREFIX}:streams:user:${userId}`, `${env.REDIS_KEY_PREFIX}:streams:all`];
  return {
    async acquire(userId, id, perUser, total) {
      const now = Date.now();
      const r = await client.eval(ACQUIRE, 2, ...keys(userId), now, now + SLOT_TTL_MS, id, perUser, total, SLOT_TTL_MS);
      return Number(r) as 0 | 1 | 2;
    },
    async release(userId, id) {
      const [user, all] = keys(userId);
      await client.multi().zrem(user, id).zrem(all, id).exec();
    },
  };
}

function memorySlots(): SlotStore {
  const slots = new Map<string, { userId: string; expires: number }>();
  const prune = () => {
    const now = Date.now();
    for (const [id, s] of slots) if (s.expires <= now) slots.delete(id);
  };
  return {
    async acquire(userId, id, perUser, total) {
      prune();
      if (perUser > 0 && [...slots.values()].filter((s) => s.userId === userId).length >= perUser) return 1;
      if (total > 0 && slots.size >= total) return 2;
      slots.set(id, { userId, expires: Date.now() + SLOT_TTL_MS });
      return 0;
    },
    async release(_userId, id) {
      slots.delete(id);
    },
  };
}

function slotStore(): SlotStore {
  const client = redis();
  g.shoalSlots ??= client ? redisSlots(client) : memorySlots();
  return g.shoalSlots;
}

/**
 * Takes a stream slot or refuses with `rate_limit:concurrency` (Shoal refuses rather than queues:
 * the client sees why at once instead of a silent wait). The returned release is idempotent.
 */
export async function acquireStreamSlot(userId: string): Promise<() => Promise<void>> {
  const perUser = env.MAX_STREAMS_PER_USER;
  const total = env.MAX_STREAMS_TOTAL;
  if (perUser === 0 && total === 0) return async () => {};
  const id = randomUUID();
  const result = await slotStore().acquire(userId, id, perUser, total);
  if (result === 1) throw new AppError("rate_limit:concurrency", { limit: perUser, scope: "user" });
  if (result === 2) throw new AppError("rate_limit:concurrency", { limit: total, scope: "instance" });
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await slotStore()
      .release(userId, id)
      .catch((e) => console.error("[shoal] failed to release a stream slot", e));
  };
}

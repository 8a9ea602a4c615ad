// A value read from the database and kept in process memory for a short time, for data that every
// request needs but admins rarely change (usage settings, the price table). The instance that
// writes it calls invalidate() right after the write, so within one process a change is visible at
// once; other instances see it when their copy expires (at most `ttlMs` later).

export type ProcessCache<T> = {
  get(): Promise<T>;
  /** Forget the value (call after writing it): the next get() reads it again. */
  invalidate(): void;
};

type Slot = { value?: Promise<unknown>; expires: number };

// Kept on globalThis, by name, so that every bundle of the app in this process (route handlers,
// pages, server actions) shares one copy and one invalidation.
const g = globalThis as { shoalProcessCaches?: Map<string, Slot> };

export function processCache<T>(name: string, ttlMs: number, load: () => Promise<T>, now: () => number = Date.now): ProcessCache<T> {
  const slots = (g.shoalProcessCaches ??= new Map());
  let slot = slots.get(name);
  if (!slot) slots.set(name, (slot = { expires: 0 }));
  const s = slot;
  return {
    get() {
      if (s.value && s.expires > now()) return s.value as Promise<T>;
      // Concurrent callers share one read. A read that fails is not kept; a read that was under
      // way when invalidate() ran is not kept either (it may predate the write).
      const value = load();
      s.value = value;
      s.expires = now() + ttlMs;
      value.catch(() => {
        if (s.value === value) s.value = undefined;
      });
      return value;
    },
    invalidate() {
      s.value = undefined;
    },
  };
}

import "server-only";

const timers = globalThis as { shoalSchedules?: Map<string, NodeJS.Timeout> };

/**
 * Runs `task` every `everyMs` in this process, once per name (hot reloads and repeated
 * register() calls do not stack timers), without keeping the process alive. A failure is logged
 * and the next tick runs as usual. `firstAfterMs` runs it once early as well.
 */
export function repeatEvery(name: string, everyMs: number, task: () => Promise<unknown>, { firstAfterMs }: { firstAfterMs?: number } = {}): void {
  const all = (timers.shoalSchedules ??= new Map());
  if (all.has(name)) return;
  const tick = () => task().catch((e) => console.error(`[shoal] ${name} failed`, e));
  const timer = setInterval(tick, everyMs);
  timer.unref();
  all.set(name, timer);
  if (firstAfterMs !== undefined) setTimeout(tick, firstAfterMs).unref();
}

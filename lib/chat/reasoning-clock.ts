/**
 * Measures how long the model thought, from the stream's own part types: the first reasoning part
 * starts the clock; the first answer text, tool call or the end of reasoning stops it. Several
 * reasoning spans (multi-step) add up. Pure, so the server can time a stream without storing state.
 */
export function createReasoningClock(now: () => number = Date.now) {
  let total = 0;
  let startedAt: number | null = null;
  let seen = false;
  const stop = () => {
    if (startedAt === null) return;
    total += now() - startedAt;
    startedAt = null;
  };
  return {
    observe(partType: string): void {
      if (partType === "reasoning-start" || partType === "reasoning-delta") {
        seen = true;
        startedAt ??= now();
      } else if (partType === "reasoning-end" || partType === "text-start" || partType === "text-delta" || partType === "tool-call" || partType === "finish" || partType === "abort" || partType === "error") {
        stop();
      }
    },
    /** Whole milliseconds of thinking, or null when the model did not reason. */
    ms(): number | null {
      stop();
      return seen ? Math.round(total) : null;
    },
  };
}

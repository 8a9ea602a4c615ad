import { expect, test } from "vitest";
import { createReasoningClock } from "@/lib/chat/reasoning-clock";

function fakeTime() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

test("times from the first reasoning part to the end of reasoning", () => {
  const time = fakeTime();
  const clock = createReasoningClock(time.now);
  clock.observe("start");
  time.advance(300); // waiting for the first token is not thinking
  clock.observe("reasoning-start");
  time.advance(2_000);
  clock.observe("reasoning-delta");
  time.advance(1_500);
  clock.observe("reasoning-end");
  time.advance(5_000); // the answer streaming is not thinking either
  clock.observe("text-delta");
  expect(clock.ms()).toBe(3_500);
});

test("a stop during thinking keeps the time thought so far", () => {
  const time = fakeTime();
  const clock = createReasoningClock(time.now);
  clock.observe("reasoning-start");
  time.advance(1_234);
  expect(clock.ms()).toBe(1_234);
});

test("several reasoning spans add up; no reasoning gives null", () => {
  const time = fakeTime();
  const clock = createReasoningClock(time.now);
  clock.observe("reasoning-start");
  time.advance(100);
  clock.observe("tool-call");
  time.advance(900);
  clock.observe("reasoning-delta");
  time.advance(200);
  clock.observe("finish");
  expect(clock.ms()).toBe(300);

  const none = createReasoningClock(time.now);
  none.observe("text-delta");
  expect(none.ms()).toBeNull();
});

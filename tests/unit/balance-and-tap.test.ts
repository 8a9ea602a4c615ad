import { describe, expect, it } from "vitest";
import { createUsageTap } from "@/lib/api/sse-tap";
import { parseBalance } from "@/lib/usage/balance";
import { balanceAlert } from "@/lib/usage/balance-view";

describe("DeepSeek balance", () => {
  const body = {
    is_available: true,
    balance_infos: [{ currency: "CNY", total_balance: "110.00", granted_balance: "10.00", topped_up_balance: "100.00" }],
  };

  it("parses DeepSeek's string amounts", () => {
    expect(parseBalance(body, new Date("2026-11-25T00:00:00Z"))).toEqual({
      isAvailable: true,
      balances: [{ currency: "CNY", total: 110, granted: 10, toppedUp: 100 }],
      fetchedAt: "2026-11-25T00:00:00.000Z",
    });
  });

  it("alerts admins below the threshold, and always after a 402", () => {
    const snap = parseBalance(body, new Date());
    expect(balanceAlert(snap, null)).toBeNull();
    expect(balanceAlert(snap, 110)).toBeNull();
    expect(balanceAlert(snap, 110.01)).toEqual({ kind: "low", amount: "110.00 CNY" });
    expect(balanceAlert({ ...snap, paymentRequiredAt: new Date().toISOString() }, null)).toEqual({ kind: "empty" });
    expect(balanceAlert(undefined, 100)).toBeNull();
  });
});

describe("SSE usage tap", () => {
  it("finds usage and finish_reason even when events are split across network chunks", () => {
    const tap = createUsageTap();
    const events =
      'data: {"choices":[{"index":0,"delta":{"content":null,"reasoning_content":"think"},"finish_reason":null}],"usage":null}\n\n' +
      ": keep-alive\n\n" +
      'data: {"choices":[{"index":0,"delta":{"content":"Hi 你好"},"finish_reason":null}],"usage":null}\n\n' +
      'data: {"choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}],"usage":{"prompt_tokens":18,"completion_tokens":7,"prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":18,"completion_tokens_details":{"reasoning_tokens":3}}}\n\n' +
      "data: [DONE]\n\n";
    const bytes = new TextEncoder().encode(events);
    for (let i = 0; i < bytes.length; i += 7) tap.push(bytes.slice(i, i + 7)); // splits UTF-8 sequences too
    expect(tap.finishReason).toBe("stop");
    expect(tap.usage).toMatchObject({ completion_tokens: 7, prompt_cache_miss_tokens: 18 });
    expect(tap.text).toBe("thinkHi 你好");
  });
});

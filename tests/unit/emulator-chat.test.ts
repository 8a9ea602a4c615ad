import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_FINGERPRINT } from "../support/deepseek-emulator/chunks.ts";
import { postChat } from "../support/deepseek-emulator/client.ts";
import { tokenize } from "../support/deepseek-emulator/script.ts";
import { startEmulator } from "../support/deepseek-emulator/server.ts";
import type { Emulator } from "../support/deepseek-emulator/server.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const fixtures = path.resolve(repoRoot, "tests/fixtures/deepseek-recorded");
const fixture = (name: string) => JSON.parse(readFileSync(path.join(fixtures, name), "utf8"));

function shape(v: unknown): unknown {
  if (v === null) return "null";
  if (Array.isArray(v)) return { array: v.map(shape) };
  if (typeof v === "object") return Object.entries(v as object).map(([k, x]) => [k, shape(x)]);
  return typeof v;
}

const err = (message: string, type = "invalid_request_error") => ({
  error: { message, type, param: null, code: "invalid_request_error" },
});

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function chat(body: Record<string, unknown>, key = "sk-test"): Promise<{ status: number; json: any }> {
  const res = await postChat(emu.url, body, { key });
  return { status: res.status, json: await res.json() };
}
const user = (content: string) => ({ role: "user", content });

describe("non-streamed responses", () => {
  it("thinking reply has the shape of deepseek-reasoning.json", async () => {
    const res = await postChat(emu.url, { model: "deepseek-v4-flash", messages: [user("Hello")] });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-ds-trace-id")).toMatch(/^[0-9a-f]{32}$/);
    const json = await res.json();
    expect(shape(json)).toEqual(shape(fixture("deepseek-reasoning.json")));
    expect(json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      object: "chat.completion",
      created: expect.any(Number),
      model: "deepseek-v4-flash",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "**Echo:** You said: Hello",
            reasoning_content: 'The user said: "Hello". I will answer briefly.',
          },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: 3,
        completion_tokens: 12,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 8 },
        prompt_cache_hit_tokens: 0,
        prompt_cache_miss_tokens: 3,
      },
      system_fingerprint: SYSTEM_FINGERPRINT,
    });
    expect(Math.abs(json.created - Date.now() / 1000)).toBeLessThan(5);
  });

  it("non-thinking reply has the shape of deepseek-text.json", async () => {
    const { json } = await chat({ model: "deepseek-v4-flash", thinking: { type: "disabled" }, messages: [user("Hello")] });
    expect(shape(json)).toEqual(shape(fixture("deepseek-text.json")));
    expect(json.choices[0].message).toEqual({ role: "assistant", content: "**Echo:** You said: Hello" });
    expect(json.usage).toEqual({
      prompt_tokens: 3,
      completion_tokens: 4,
      total_tokens: 7,
      prompt_tokens_details: { cached_tokens: 0 },
      prompt_cache_hit_tokens: 0,
      prompt_cache_miss_tokens: 3,
    });
  });

  it("usage arithmetic holds: prompt = hit + miss, completion includes reasoning", async () => {
    const cases = [
      { model: "deepseek-v4-flash", messages: [{ role: "system", content: "Be terse." }, user("Explain **SSE** in one line")] },
      { model: "deepseek-v4-pro", messages: [user("[[long:40]] [[reason:7]]")] },
      { model: "deepseek-flash", thinking: { type: "disabled" }, messages: [user("你好，世界")] },
      { model: "deepseek-reasoner", messages: [user("What is 2+2?")], max_tokens: 6 },
    ];
    for (const body of cases) {
      const { json } = await chat(body, "sk-usage");
      const u = json.usage;
      const msg = json.choices[0].message;
      const reasoning = tokenize(msg.reasoning_content ?? "").length;
      expect(u.prompt_tokens).toBe(u.prompt_cache_hit_tokens + u.prompt_cache_miss_tokens);
      expect(u.prompt_tokens_details.cached_tokens).toBe(u.prompt_cache_hit_tokens);
      expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens);
      expect(u.completion_tokens).toBe(reasoning + tokenize(msg.content).length);
      if ("reasoning_content" in msg) expect(u.completion_tokens_details).toEqual({ reasoning_tokens: reasoning });
      else expect(u.completion_tokens_details).toBeUndefined();
    }
  });

  it("answers on /v1 and /beta paths and records every chat request", async () => {
    emu.reset();
    expect(emu.requests).toHaveLength(0);
    const body = { model: "deepseek-v4-flash", messages: [user("Hi")], temperature: 1.3, reasoning_effort: "high" };
    for (const p of ["/v1/chat/completions", "/beta/chat/completions"]) {
      const res = await postChat(emu.url, body, { path: p, key: "sk-rec" });
      expect(res.status).toBe(200);
    }
    await postChat(emu.url, { model: "nope", messages: [user("Hi")] }, { key: "sk-rec" });
    expect(emu.requests.map((r) => [r.method, r.path, r.headers.authorization, r.status])).toEqual([
      ["POST", "/v1/chat/completions", "Bearer sk-rec", 200],
      ["POST", "/beta/chat/completions", "Bearer sk-rec", 200],
      ["POST", "/chat/completions", "Bearer sk-rec", 400],
    ]);
    expect(emu.requests[0]!.body).toEqual(body);
    expect(emu.requests[0]!.headers["content-type"]).toBe("application/json");
  });
});

describe("prompt cache", () => {
  // "system\n" + 993 chars = 1000 chars = 250 tokens
  const SYSTEM = { role: "system", content: "You are a helpful assistant. ".repeat(40).slice(0, 993) };

  it("reports exact hits for repeated prefixes, per API key, until reset", async () => {
    const a = await chat({ model: "deepseek-v4-flash", messages: [SYSTEM, user("Hi")] }, "sk-cache-1");
    expect(a.json.usage).toMatchObject({ prompt_tokens: 252, prompt_cache_hit_tokens: 0, prompt_cache_miss_tokens: 252 });

    // same system prompt (250 tokens) → 192 cached (multiple of 64)
    const b = await chat({ model: "deepseek-v4-flash", messages: [SYSTEM, user("Yo")] }, "sk-cache-1");
    expect(b.json.usage).toMatchObject({
      prompt_tokens: 252,
      prompt_tokens_details: { cached_tokens: 192 },
      prompt_cache_hit_tokens: 192,
      prompt_cache_miss_tokens: 60,
    });

    // next turn: prefix up to the previous answer (250 + 2 + 8 = 260 tokens) was stored → 256 cached
    const answer = a.json.choices[0].message.content;
    expect(answer).toBe("**Echo:** You said: Hi");
    const c = await chat(
      {
        model: "deepseek-v4-flash",
        messages: [SYSTEM, user("Hi"), { role: "assistant", content: answer, reasoning_content: "ignored" }, user("More")],
      },
      "sk-cache-1",
    );
    expect(c.json.usage).toMatchObject({ prompt_tokens: 263, prompt_cache_hit_tokens: 256, prompt_cache_miss_tokens: 7 });

    // another key has its own cache
    const d = await chat({ model: "deepseek-v4-flash", messages: [SYSTEM, user("Hi")] }, "sk-cache-2");
    expect(d.json.usage).toMatchObject({ prompt_cache_hit_tokens: 0, prompt_cache_miss_tokens: 252 });

    emu.reset();
    const e = await chat({ model: "deepseek-v4-flash", messages: [SYSTEM, user("Hi")] }, "sk-cache-1");
    expect(e.json.usage).toMatchObject({ prompt_cache_hit_tokens: 0, prompt_cache_miss_tokens: 252 });
  });

  it("never caches prefixes shorter than 64 tokens", async () => {
    const body = { model: "deepseek-v4-flash", messages: [user("x".repeat(200))] }; // 52 tokens
    await chat(body, "sk-cache-short");
    const again = await chat(body, "sk-cache-short");
    expect(again.json.usage).toMatchObject({ prompt_tokens: 52, prompt_cache_hit_tokens: 0, prompt_cache_miss_tokens: 52 });
  });
});

describe("max_tokens", () => {
  it("truncates inside the answer with finish_reason length", async () => {
    const { json } = await chat({ model: "deepseek-v4-flash", messages: [user("Hello")], max_tokens: 10 });
    expect(json.choices[0].finish_reason).toBe("length");
    expect(json.choices[0].message).toEqual({
      role: "assistant",
      content: "**Echo:** You",
      reasoning_content: 'The user said: "Hello". I will answer briefly.',
    });
    expect(json.usage).toMatchObject({ completion_tokens: 10, completion_tokens_details: { reasoning_tokens: 8 } });
  });

  it("truncates inside the reasoning", async () => {
    const { json } = await chat({ model: "deepseek-v4-flash", messages: [user("Hello")], max_tokens: 5 });
    expect(json.choices[0]).toMatchObject({
      message: { content: "", reasoning_content: 'The user said: "Hello". I' },
      finish_reason: "length",
    });
    expect(json.usage).toMatchObject({ completion_tokens: 5, completion_tokens_details: { reasoning_tokens: 5 } });
  });

  it("accepts the upper bound and finishes with stop when the budget suffices", async () => {
    const { status, json } = await chat({ model: "deepseek-v4-flash", messages: [user("Hello")], max_tokens: 393216 });
    expect(status).toBe(200);
    expect(json.choices[0].finish_reason).toBe("stop");
    const exact = await chat({ model: "deepseek-v4-flash", messages: [user("Hello")], max_tokens: 12 });
    expect(exact.json.choices[0].finish_reason).toBe("stop");
  });

  it.each([0, -1, 393217, 2.5, "10"])("rejects max_tokens %j with the real 400", async (max_tokens) => {
    const { status, json } = await chat({ model: "deepseek-v4-flash", messages: [user("Hello")], max_tokens });
    expect(status).toBe(400);
    expect(json).toEqual(err("Invalid max_tokens value, the valid range of max_tokens is [1, 393216]"));
  });
});

describe("models", () => {
  it("legacy names map to non-thinking / thinking and echo the model id", async () => {
    const chatModel = await chat({ model: "deepseek-chat", messages: [user("Hello")] });
    expect(chatModel.json.model).toBe("deepseek-chat");
    expect(chatModel.json.choices[0].message).toEqual({ role: "assistant", content: "**Echo:** You said: Hello" });
    expect(chatModel.json.usage.completion_tokens_details).toBeUndefined();
    const reasoner = await chat({ model: "deepseek-reasoner", messages: [user("Hello")] });
    expect(reasoner.json.model).toBe("deepseek-reasoner");
    expect(reasoner.json.choices[0].message.reasoning_content).toBe('The user said: "Hello". I will answer briefly.');
  });

  it("V4 ids think by default", async () => {
    for (const model of ["deepseek-flash", "deepseek-v4-flash", "deepseek-v4-pro"]) {
      const { json } = await chat({ model, messages: [user("Hello")], thinking: { type: "enabled" } });
      expect(json.model).toBe(model);
      expect(json.usage.completion_tokens_details).toEqual({ reasoning_tokens: 8 });
    }
  });

  it("unknown model → 400 Model Not Exist", async () => {
    const { status, json } = await chat({ model: "gpt-4o", messages: [user("Hello")] });
    expect(status).toBe(400);
    expect(json).toEqual(err("Model Not Exist"));
  });

  it("legacyNames: reject returns the real post-retirement 400", async () => {
    const strict = await startEmulator({ legacyNames: "reject" });
    try {
      for (const model of ["deepseek-chat", "deepseek-reasoner"]) {
        const res = await postChat(strict.url, { model, messages: [user("Hello")] });
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual(
          err(`The supported API model names are deepseek-v4-pro or deepseek-v4-flash, but you passed ${model}.`),
        );
      }
      const ok = await postChat(strict.url, { model: "deepseek-v4-pro", messages: [user("Hello")] });
      expect(ok.status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it("the models option replaces the accepted V4 ids", async () => {
    const custom = await startEmulator({ models: ["deepseek-v9-mini"] });
    try {
      const ok = await postChat(custom.url, { model: "deepseek-v9-mini", messages: [user("Hello")] });
      expect((await ok.json()).model).toBe("deepseek-v9-mini");
      const gone = await postChat(custom.url, { model: "deepseek-v4-flash", messages: [user("Hello")] });
      expect(await gone.json()).toEqual(err("Model Not Exist"));
      const list = await fetch(`${custom.url}/models`, { headers: { authorization: "Bearer sk-test" } });
      expect(await list.json()).toEqual({ object: "list", data: [{ id: "deepseek-v9-mini", object: "model", owned_by: "deepseek" }] });
    } finally {
      await custom.close();
    }
  });
});

describe("reasoning_content replay rule", () => {
  const call = { id: "call_00_abc", type: "function", function: { name: "weather", arguments: '{"location":"Paris"}' } };
  const toolTurn = (assistant: Record<string, unknown>) => [
    user("Weather in Paris?"),
    { role: "assistant", content: "", tool_calls: [call], ...assistant },
    { role: "tool", tool_call_id: "call_00_abc", content: "sunny" },
  ];
  const replayError = err("The `reasoning_content` in the thinking mode must be passed back to the API.");

  it("v4: thinking tool-call turn without reasoning_content → 400", async () => {
    const { status, json } = await chat({ model: "deepseek-v4-flash", messages: toolTurn({}) });
    expect(status).toBe(400);
    expect(json).toEqual(replayError);
    const nulled = await chat({ model: "deepseek-v4-flash", messages: toolTurn({ reasoning_content: null }) });
    expect(nulled.json).toEqual(replayError);
  });

  it("v4: passes when reasoning_content is sent, thinking is off, or the tool call is before the last user message", async () => {
    expect((await chat({ model: "deepseek-v4-flash", messages: toolTurn({ reasoning_content: "" }) })).status).toBe(200);
    expect((await chat({ model: "deepseek-v4-flash", messages: toolTurn({ reasoning_content: "Call it." }) })).status).toBe(200);
    const off = await chat({ model: "deepseek-v4-flash", thinking: { type: "disabled" }, messages: toolTurn({}) });
    expect(off.status).toBe(200);
    expect((await chat({ model: "deepseek-chat", messages: toolTurn({}) })).status).toBe(200);
    const earlier = await chat({ model: "deepseek-v4-flash", messages: [...toolTurn({}), user("Thanks!")] });
    expect(earlier.status).toBe(200);
    expect(earlier.json.choices[0].message.content).toBe("**Echo:** You said: Thanks!");
  });

  it("legacy-r1: any non-empty reasoning_content in the input → 400", async () => {
    const r1 = await startEmulator({ replayRule: "legacy-r1" });
    try {
      const send = (messages: unknown[]) => postChat(r1.url, { model: "deepseek-reasoner", messages });
      const bad = await send([user("Hi"), { role: "assistant", content: "Hello", reasoning_content: "thinking" }, user("Again")]);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual(
        err(
          "The `reasoning_content` field is not allowed in input messages (message index 1). " +
            "Please remove reasoning_content from previous assistant messages.",
        ),
      );
      const empty = await send([user("Hi"), { role: "assistant", content: "Hello", reasoning_content: "" }, user("Again")]);
      expect(empty.status).toBe(200);
      const plain = await send([user("Hi"), { role: "assistant", content: "Hello" }, user("Again")]);
      expect(plain.status).toBe(200);
      // the V4 rule is not applied in this mode
      expect((await send(toolTurn({}))).status).toBe(200);
    } finally {
      await r1.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postChat } from "../support/deepseek-emulator/client.ts";
import { startEmulator } from "../support/deepseek-emulator/server.ts";
import type { Emulator } from "../support/deepseek-emulator/server.ts";

const err = (message: string, type = "invalid_request_error") => ({
  error: { message, type, param: null, code: "invalid_request_error" },
});
const user = (content: string) => ({ role: "user", content });
const body = (content: string) => ({ model: "deepseek-v4-flash", messages: [user(content)] });

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu.close();
});

describe("scripted errors", () => {
  const cases: Array<[number, unknown]> = [
    [
      400,
      err(
        "This model's maximum context length is 1048576 tokens. However, you requested 1050000 tokens " +
          "(1041808 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.",
      ),
    ],
    [401, err("Authentication Fails, Your api key: ****1234 is invalid", "authentication_error")],
    [402, err("Insufficient Balance", "unknown_error")],
    [
      429,
      err(
        "Too many requests. Your current concurrency is 26, which exceeds your concurrency limit of 25 based on " +
          "your remaining balance. Please top up your balance to restore your concurrency.",
        "rate_limit_error",
      ),
    ],
    [500, err("Server Error", "server_error")],
    [503, err("Server overloaded, please try again later", "server_error")],
  ];

  it.each(cases)("[[error:%i]] → status and JSON body", async (status, expected) => {
    for (const stream of [false, true]) {
      const res = await postChat(emu.url, { ...body(`Hi [[error:${status}]]`), stream }, { key: "sk-test-1234" });
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(res.headers.get("x-ds-trace-id")).toMatch(/^[0-9a-f]{32}$/);
      expect(await res.json()).toEqual(expected);
    }
  });

  it("[[error:422]] → plain-text body like the real one", async () => {
    const res = await postChat(emu.url, body("[[error:422]]"));
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toBe("Failed to deserialize the JSON body into the target type: missing field `messages` at line 4 column 1");
  });

  it("only the last user message is scanned for directives", async () => {
    const res = await postChat(emu.url, {
      model: "deepseek-v4-flash",
      messages: [user("[[error:500]]"), { role: "assistant", content: "ok" }, user("fine")],
    });
    expect(res.status).toBe(200);
  });

  it("[[error:429x2]] fails the first two identical requests, then succeeds", async () => {
    const b = body("Retry me [[error:429x2]]");
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await postChat(emu.url, b, { key: "sk-retry" })).status);
    expect(statuses).toEqual([429, 429, 200, 200]);
    const ok = await postChat(emu.url, b, { key: "sk-retry" });
    expect((await ok.json()).choices[0].message.content).toBe("**Echo:** You said: Retry me");
    // a different body (or key) has its own counter; reset() clears counters
    expect((await postChat(emu.url, body("Other [[error:429x2]]"), { key: "sk-retry" })).status).toBe(429);
    expect((await postChat(emu.url, b, { key: "sk-retry-2" })).status).toBe(429);
    emu.reset();
    expect((await postChat(emu.url, b, { key: "sk-retry" })).status).toBe(429);
  });

  it("unknown or malformed directives are left in the text", async () => {
    const res = await postChat(emu.url, body("a [[error:404]] b [[long:x]]"));
    expect(res.status).toBe(200);
    expect((await res.json()).choices[0].message.content).toBe("**Echo:** You said: a [[error:404]] b [[long:x]]");
  });
});

describe("auth", () => {
  const missing = err("Authentication Fails (auth header format should be Bearer sk-...)", "authentication_error");

  it("missing, empty or non-Bearer Authorization → 401", async () => {
    expect(await (await postChat(emu.url, body("Hi"), { key: null })).json()).toEqual(missing);
    const empty = await postChat(emu.url, body("Hi"), { key: "" });
    expect(empty.status).toBe(401);
    expect(await empty.json()).toEqual(missing);
    const basic = await fetch(`${emu.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Basic c2stdGVzdA==" },
      body: JSON.stringify(body("Hi")),
    });
    expect(basic.status).toBe(401);
  });

  it("sk-invalid* keys → 401 naming the last 4 characters", async () => {
    const res = await postChat(emu.url, body("Hi"), { key: "sk-invalid" });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe(
      '{"error":{"message":"Authentication Fails, Your api key: ****alid is invalid","type":"authentication_error","param":null,"code":"invalid_request_error"}}',
    );
    const other = await postChat(emu.url, body("Hi"), { key: "sk-invalid-key-9999" });
    expect(await other.json()).toEqual(err("Authentication Fails, Your api key: ****9999 is invalid", "authentication_error"));
  });

  it("auth is checked before the body", async () => {
    const res = await postChat(emu.url, "{not json", { key: "sk-invalid" });
    expect(res.status).toBe(401);
  });

  it("sk-broke* keys → 402 on chat, empty balance on /user/balance", async () => {
    const res = await postChat(emu.url, body("Hi"), { key: "sk-broke" });
    expect(res.status).toBe(402);
    expect(await res.json()).toEqual(err("Insufficient Balance", "unknown_error"));
    const balance = await fetch(`${emu.url}/user/balance`, { headers: { authorization: "Bearer sk-broke-1" } });
    expect(await balance.json()).toEqual({
      is_available: false,
      balance_infos: [{ currency: "CNY", total_balance: "0.00", granted_balance: "0.00", topped_up_balance: "0.00" }],
    });
  });
});

describe("request validation", () => {
  it("invalid JSON → 400 deserialize error", async () => {
    const eof = await postChat(emu.url, '{"model":');
    expect(eof.status).toBe(400);
    expect(await eof.json()).toEqual(
      err("Failed to deserialize the JSON body into the target type: EOF while parsing a value at line 1 column 9"),
    );
    const bad = await postChat(emu.url, '{"model":"x"');
    expect(await bad.json()).toEqual(
      err("Failed to deserialize the JSON body into the target type: expected value at line 1 column 13"),
    );
  });

  it("missing messages or model → 422 plain text with the end position", async () => {
    const res = await postChat(emu.url, '{"model":"deepseek-v4-flash"}');
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toBe(
      "Failed to deserialize the JSON body into the target type: missing field `messages` at line 1 column 29",
    );
    const pretty = await postChat(emu.url, '{\n  "model": "deepseek-v4-flash"\n}\n');
    expect(await pretty.text()).toBe(
      "Failed to deserialize the JSON body into the target type: missing field `messages` at line 3 column 1",
    );
    const noModel = await postChat(emu.url, { messages: [user("Hi")] });
    expect(noModel.status).toBe(422);
    expect(await noModel.text()).toMatch(/^Failed to deserialize the JSON body into the target type: missing field `model` at line 1 column \d+$/);
  });

  it("unknown role → 400 unknown variant", async () => {
    const raw = JSON.stringify({ model: "deepseek-v4-flash", messages: [{ role: "developer", content: "x" }] });
    const res = await postChat(emu.url, raw);
    expect(res.status).toBe(400);
    const column = raw.indexOf('"developer"') + '"developer"'.length;
    expect(await res.json()).toEqual(
      err(
        "Failed to deserialize the JSON body into the target type: messages[0].role: unknown variant `developer`, " +
          "expected one of `system`, `user`, `assistant`, `tool`, `latest_reminder` at line 1 column " +
          column,
      ),
    );
  });
});

describe("other endpoints", () => {
  it("GET /models and /v1/models list the configured models", async () => {
    for (const p of ["/models", "/v1/models"]) {
      const res = await fetch(emu.url + p, { headers: { authorization: "Bearer sk-test" } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        object: "list",
        data: [
          { id: "deepseek-flash", object: "model", owned_by: "deepseek" },
          { id: "deepseek-v4-flash", object: "model", owned_by: "deepseek" },
          { id: "deepseek-v4-pro", object: "model", owned_by: "deepseek" },
        ],
      });
    }
    expect((await fetch(`${emu.url}/models`)).status).toBe(401);
  });

  it("GET /user/balance", async () => {
    const res = await fetch(`${emu.url}/user/balance`, { headers: { authorization: "Bearer sk-test" } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(
      '{"is_available":true,"balance_infos":[{"currency":"CNY","total_balance":"110.00","granted_balance":"10.00","topped_up_balance":"100.00"}]}',
    );
    const invalid = await fetch(`${emu.url}/user/balance`, { headers: { authorization: "Bearer sk-invalid" } });
    expect(invalid.status).toBe(401);
  });

  it("unknown routes → 404; control endpoints reset and list requests", async () => {
    expect((await fetch(`${emu.url}/completions`)).status).toBe(404);
    await postChat(emu.url, body("Hi"));
    const listed = await (await fetch(`${emu.url}/__emulator/requests`)).json();
    expect(listed.at(-1)).toMatchObject({ path: "/chat/completions", status: 200, body: body("Hi") });
    expect((await fetch(`${emu.url}/__emulator/reset`, { method: "POST" })).status).toBe(200);
    expect(emu.requests).toHaveLength(0);
  });
});

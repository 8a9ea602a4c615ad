import { describe, expect, it } from "vitest";
import { PromptCache, messageTokens, serializeMessage } from "../support/deepseek-emulator/cache.ts";
import { MARKDOWN_SAMPLE, buildReply, contentText, limitOutput, paragraphSample, parseDirectives, tableSample, tokenize } from "../support/deepseek-emulator/script.ts";

describe("tokenize", () => {
  it("splits into words carrying their leading whitespace, like the recordings", () => {
    expect(tokenize("We need to count")).toEqual(["We", " need", " to", " count"]);
    expect(tokenize("There are **3** r's.\n\nDone")).toEqual(["There", " are", " **3**", " r's.", "\n\nDone"]);
  });

  it("splits CJK per character and keeps punctuation runs together otherwise", () => {
    expect(tokenize("你好，世界!")).toEqual(["你", "好", "，", "世", "界", "!"]);
    expect(tokenize("Hi 日本語 ok")).toEqual(["Hi", " 日", "本", "語", " ok"]);
    expect(tokenize("안녕 하세요")).toEqual(["안", "녕", " 하", "세", "요"]);
  });

  it("attaches trailing whitespace to the last piece and round-trips", () => {
    expect(tokenize("a b  ")).toEqual(["a", " b  "]);
    expect(tokenize("   ")).toEqual(["   "]);
    expect(tokenize("")).toEqual([]);
    for (const s of ["  lead", "x\ty\nz ", "混合 mixed 文本。", "**Echo:** You said: hi"]) expect(tokenize(s).join("")).toBe(s);
  });
});

describe("directives", () => {
  it("parses every directive and strips it from the text", () => {
    const { directives, text } = parseDirectives(
      "a [[error:429x2]] b [[keepalive:3]] [[drop:4]] [[slow:5]] [[long:6]] [[reason:7]] c",
    );
    expect(directives).toEqual({ error: { status: 429, times: 2 }, keepalive: 3, drop: 4, slow: 5, long: 6, reason: 7 });
    expect(text.replace(/\s+/g, " ")).toBe("a b c");
  });

  it("is case-sensitive and ignores unknown statuses or malformed values", () => {
    const { directives, text } = parseDirectives("[[ERROR:500]] [[error:418]] [[drop:x]] [[slow:5x2]]");
    expect(directives).toEqual({});
    expect(text).toBe("[[ERROR:500]] [[error:418]] [[drop:x]] [[slow:5x2]]");
    expect(parseDirectives("[[error:503]]").directives).toEqual({ error: { status: 503 } });
  });
});

describe("reply text", () => {
  it("echoes the collapsed, directive-free message", () => {
    const { directives, text } = parseDirectives("  Hello\n  [[slow:1]] world  ");
    const reply = buildReply(text, directives, true);
    expect(reply.message).toBe("Hello world");
    expect(reply.reasoning.join("")).toBe('The user said: "Hello world". I will answer briefly.');
    expect(reply.answer.join("")).toBe("**Echo:** You said: Hello world");
    expect(buildReply("", {}, false)).toEqual({
      reasoning: [],
      answer: ["**Echo:**", " You", " said:", " (empty", " message)"],
      message: "(empty message)",
    });
  });

  it("[[long:N]] / [[reason:N]] produce exactly N tokens", () => {
    const reply = buildReply("x", { long: 3, reason: 2 }, true);
    expect(reply.answer).toEqual(["word1", " word2", " word3"]);
    expect(reply.reasoning).toEqual(["thought1", " thought2"]);
    expect(buildReply("x", { long: 0 }, true).answer).toEqual([]);
  });

  it("[[markdown:N]] repeats the Markdown sample N times as separate blocks", () => {
    const one = buildReply("x", { markdown: 1 }, false).answer.join("");
    expect(one).toBe(MARKDOWN_SAMPLE);
    expect(buildReply("x", { markdown: 0 }, false).answer.join("")).toBe(MARKDOWN_SAMPLE);
    const three = buildReply("x", { markdown: 3 }, false).answer;
    expect(three.join("")).toBe([MARKDOWN_SAMPLE, MARKDOWN_SAMPLE, MARKDOWN_SAMPLE].join("\n\n"));
    expect(three.length).toBe(3 * tokenize(MARKDOWN_SAMPLE).length);
  });

  it("[[tables:N]] answers with N numbered one-row tables as separate blocks", () => {
    expect(parseDirectives("hi [[tables:4]]").directives).toEqual({ tables: 4 });
    expect(buildReply("x", { tables: 2 }, false).answer.join("")).toBe("| table | value |\n|---|---|\n| t1 | 1 |\n\n| table | value |\n|---|---|\n| t2 | 4 |");
    expect(buildReply("x", { tables: 0 }, false).answer.join("")).toBe(tableSample(1));
  });

  it("[[paragraphs:N]] answers with N numbered paragraphs as separate blocks", () => {
    expect(parseDirectives("hi [[paragraphs:3]]").directives).toEqual({ paragraphs: 3 });
    const two = buildReply("x", { paragraphs: 2 }, false).answer.join("");
    expect(two).toBe(`${paragraphSample(1)}\n\n${paragraphSample(2)}`);
    expect(paragraphSample(7)).toMatch(/^Paragraph p7: the quick brown fox .* runs on\.$/);
    expect(tokenize(paragraphSample(1)).length).toBeGreaterThan(50);
    expect(buildReply("x", { paragraphs: 0 }, false).answer.join("")).toBe(paragraphSample(1));
  });

  it("limitOutput cuts reasoning first, then answer", () => {
    const reply = { reasoning: ["r1", " r2"], answer: ["a1", " a2", " a3"], message: "" };
    expect(limitOutput(reply, undefined)).toEqual({ reasoning: ["r1", " r2"], answer: ["a1", " a2", " a3"], finishReason: "stop" });
    expect(limitOutput(reply, 5).finishReason).toBe("stop");
    expect(limitOutput(reply, 3)).toEqual({ reasoning: ["r1", " r2"], answer: ["a1"], finishReason: "length" });
    expect(limitOutput(reply, 1)).toEqual({ reasoning: ["r1"], answer: [], finishReason: "length" });
  });

  it("contentText joins text parts", () => {
    expect(contentText([{ type: "text", text: "a" }, { type: "text", text: "b" }])).toBe("ab");
    expect(contentText(null)).toBe("");
  });
});

describe("prompt accounting", () => {
  it("serialises role + content (+ tool_calls) and counts ceil(code points / 4)", () => {
    expect(serializeMessage({ role: "user", content: "Hello" })).toBe("user\nHello");
    expect(messageTokens({ role: "user", content: "Hello" })).toBe(3);
    expect(messageTokens({ role: "user", content: "你好" })).toBe(2); // 7 code points
    expect(serializeMessage({ role: "assistant", content: "ok", reasoning_content: "ignored" })).toBe("assistant\nok");
    expect(serializeMessage({ role: "assistant", content: null, tool_calls: [{ id: "c" }] })).toBe('assistant\n\n[{"id":"c"}]');
  });

  it("hit = longest seen message-boundary prefix rounded down to 64", () => {
    const cache = new PromptCache();
    const sys = { role: "system", content: "s".repeat(393) }; // 400 chars → 100 tokens
    const first = cache.measure("k", [sys, { role: "user", content: "a" }]);
    expect(first).toMatchObject({ promptTokens: 102, hitTokens: 0, missTokens: 102 });
    cache.remember("k", first.hashes, "answer");
    expect(cache.measure("k", [sys, { role: "user", content: "b" }])).toMatchObject({ hitTokens: 64, missTokens: 38 });
    expect(cache.measure("other", [sys])).toMatchObject({ hitTokens: 0 });
    const withAnswer = cache.measure("k", [sys, { role: "user", content: "a" }, { role: "assistant", content: "answer" }]);
    expect(withAnswer).toMatchObject({ promptTokens: 106, hitTokens: 64, missTokens: 42 });
    cache.reset();
    expect(cache.measure("k", [sys]).hitTokens).toBe(0);
  });
});

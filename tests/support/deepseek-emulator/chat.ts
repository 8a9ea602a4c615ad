// POST /chat/completions: validation, scripted errors, streamed and non-streamed replies.
import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { PromptCache, WireMessage } from "./cache.ts";
import * as wire from "./chunks.ts";
import { CONTEXT_LIMIT, MAX_TOKENS_LIMIT, directiveError, endPosition, errors, jsonSyntaxDetail, positionAt } from "./errors.ts";
import type { ErrorResponse } from "./errors.ts";
import { buildReply, continueReply, contentText, limitOutput, parseDirectives } from "./script.ts";
import type { Directives } from "./script.ts";
import { jsonReply, streamReply } from "./stream.ts";

export const LEGACY_MODELS: Record<string, boolean> = { "deepseek-chat": false, "deepseek-reasoner": true };
const ROLES = ["system", "user", "assistant", "tool", "latest_reminder"];

export type RecordedRequest = {
  method: string;
  path: string;
  /** lower-case request headers, e.g. `headers.authorization` */
  headers: Record<string, string | undefined>;
  /** parsed JSON body (null when it was not valid JSON) */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  rawBody: string;
  /** HTTP status the emulator answered with */
  status?: number;
};

export type EmulatorConfig = {
  tokenDelayMs: number;
  keepAliveMs: number;
  models: string[];
  legacyNames: "accept" | "reject";
  replayRule: "v4" | "legacy-r1";
};

export type EmulatorState = {
  config: EmulatorConfig;
  cache: PromptCache;
  /** failures served so far per request hash, for `[[error:SxN]]` */
  failures: Map<string, number>;
  requests: RecordedRequest[];
};

/** Key from `Authorization: Bearer <key>`; "" when missing or malformed. */
export function bearerKey(req: IncomingMessage): string {
  const match = /^Bearer\s+(.*)$/i.exec(req.headers.authorization ?? "");
  return match ? match[1]!.trim() : "";
}

/** 401 for a missing/invalid key, else null. */
export function authError(key: string): ErrorResponse | null {
  if (!key) return errors.missingAuth();
  if (key.startsWith("sk-invalid")) return errors.invalidKey(key);
  return null;
}

export function sendError(res: ServerResponse, err: ErrorResponse, record?: RecordedRequest): void {
  if (record) record.status = err.status;
  res.writeHead(err.status, { "content-type": err.contentType, "content-length": Buffer.byteLength(err.body) });
  res.end(err.body);
}

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "sequence";
  if (typeof v === "object") return "map";
  if (typeof v === "string") return `string ${JSON.stringify(v)}`;
  if (typeof v === "number") return Number.isInteger(v) ? `integer \`${v}\`` : `floating point \`${v}\``;
  return `boolean \`${String(v)}\``;
}

type Plan = {
  key: string;
  body: Record<string, unknown>;
  thinking: boolean;
  directives: Directives;
  strippedText: string;
  /** Chat prefix completion (beta): the assistant text the reply continues. */
  prefix?: string;
  hashes: string[];
  promptTokens: number;
  hitTokens: number;
};

/** Validate the request like the real API; returns an error response or the plan for a reply. */
function plan(state: EmulatorState, key: string, raw: string, body: unknown, path: string): ErrorResponse | Plan {
  const { config } = state;
  const end = endPosition(raw);
  const at = `at line ${end.line} column ${end.column}`;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return errors.badJson(`invalid type: ${kind(body)}, expected struct ChatCompletionRequest ${at}`);
  }
  const b = body as Record<string, unknown>;
  if (b.messages === undefined) return errors.deserialize422(`missing field \`messages\` ${at}`);
  if (b.model === undefined) return errors.deserialize422(`missing field \`model\` ${at}`);
  if (!Array.isArray(b.messages)) return errors.deserialize422(`messages: invalid type: ${kind(b.messages)}, expected a sequence ${at}`);
  if (b.messages.length === 0) return errors.emptyMessages();
  const messages = b.messages as WireMessage[];
  for (const [i, m] of messages.entries()) {
    if (typeof m !== "object" || m === null || Array.isArray(m)) {
      return errors.badJson(`messages[${i}]: invalid type: ${kind(m)}, expected internally tagged enum ${at}`);
    }
    if (typeof m.role !== "string" || !ROLES.includes(m.role)) {
      const idx = typeof m.role === "string" ? raw.indexOf(JSON.stringify(m.role)) : -1;
      const pos = idx >= 0 ? positionAt(raw, idx + JSON.stringify(m.role).length - 1) : end;
      const expected = ROLES.map((r) => `\`${r}\``).join(", ");
      return errors.badJson(
        m.role === undefined
          ? `messages[${i}]: missing field \`role\` at line ${pos.line} column ${pos.column}`
          : `messages[${i}].role: unknown variant \`${String(m.role)}\`, expected one of ${expected} at line ${pos.line} column ${pos.column}`,
      );
    }
  }

  const model = String(b.model);
  let thinking: boolean;
  if (model in LEGACY_MODELS) {
    if (config.legacyNames === "reject") return errors.legacyModel(model);
    thinking = LEGACY_MODELS[model]!;
  } else if (config.models.includes(model)) {
    thinking = (b.thinking as { type?: unknown } | null | undefined)?.type !== "disabled";
  } else {
    return errors.modelNotExist();
  }

  const maxTokens = b.max_tokens;
  if (maxTokens !== undefined && maxTokens !== null) {
    if (typeof maxTokens !== "number" || !Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > MAX_TOKENS_LIMIT) {
      return errors.maxTokens();
    }
  }
  const measure = state.cache.measure(key, messages);
  const completionBudget = typeof maxTokens === "number" ? maxTokens : 0;
  if (measure.promptTokens + completionBudget > CONTEXT_LIMIT) {
    return errors.contextLength(measure.promptTokens, completionBudget);
  }

  const lastUser = messages.findLastIndex((m) => m.role === "user");
  if (config.replayRule === "v4") {
    if (thinking) {
      for (const m of messages.slice(lastUser + 1)) {
        const hasCalls = Array.isArray(m.tool_calls) && m.tool_calls.length > 0;
        if (m.role === "assistant" && hasCalls && typeof m.reasoning_content !== "string") return errors.replayV4();
      }
    }
  } else {
    const i = messages.findIndex((m) => typeof m.reasoning_content === "string" && m.reasoning_content.length > 0);
    if (i >= 0) return errors.replayR1(i);
  }

  // Chat prefix completion: only on /beta, only as the last message, only for an assistant message.
  const prefixAt = messages.findIndex((m) => (m as { prefix?: unknown }).prefix === true);
  if (prefixAt >= 0) {
    if (!path.startsWith("/beta/")) return errors.prefixNotBeta();
    if (prefixAt !== messages.length - 1 || messages[prefixAt]!.role !== "assistant") return errors.prefixNotLast();
  }
  const prefix = prefixAt >= 0 ? contentText(messages[prefixAt]!.content) : undefined;

  if (key.startsWith("sk-broke")) return errors.insufficientBalance();

  const userText = lastUser >= 0 ? contentText(messages[lastUser]!.content) : "";
  const { directives, text } = parseDirectives(userText);
  if (directives.error) {
    const { status, times } = directives.error;
    if (times === undefined) return directiveError(status, key);
    const hash = createHash("sha256").update(key).update("\u0000").update(raw).digest("hex");
    const served = state.failures.get(hash) ?? 0;
    if (served < times) {
      state.failures.set(hash, served + 1);
      return directiveError(status, key);
    }
  }
  return { key, body: b, thinking, directives, strippedText: text, prefix, ...measure };
}

export async function handleChat(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
  signal: AbortSignal,
): Promise<void> {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
  const record: RecordedRequest = {
    method: req.method ?? "POST",
    path: new URL(req.url ?? "/", "http://emulator").pathname,
    headers,
    body: null,
    rawBody: raw,
  };
  state.requests.push(record);

  const key = bearerKey(req);
  const auth = authError(key);
  if (auth) return sendError(res, auth, record);
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (e) {
    return sendError(res, errors.badJson(jsonSyntaxDetail(raw, String((e as Error).message))), record);
  }
  record.body = body;
  const p = plan(state, key, raw, body, record.path);
  if ("status" in p) return sendError(res, p, record);

  state.cache.remember(p.key, p.hashes);
  const built = buildReply(p.strippedText, p.directives, p.thinking);
  const reply = p.prefix === undefined ? built : continueReply(built, p.prefix);
  const out = limitOutput(reply, typeof p.body.max_tokens === "number" ? p.body.max_tokens : undefined);
  const usage = wire.buildUsage({
    promptTokens: p.promptTokens,
    hitTokens: p.hitTokens,
    completionTokens: out.reasoning.length + out.answer.length,
    reasoningTokens: out.reasoning.length,
    thinking: p.thinking,
  });
  const streamOptions = p.body.stream_options as { include_usage?: unknown } | null | undefined;
  const meta: wire.CompletionMeta = {
    id: randomUUID(),
    created: Math.floor(Date.now() / 1000),
    model: String(p.body.model),
    thinking: p.thinking,
    includeUsage: streamOptions?.include_usage === true,
  };
  record.status = 200;
  const completed = () => state.cache.remember(p.key, p.hashes, out.answer.join(""));
  if (p.body.stream === true) {
    if (await streamReply(state.config, res, signal, meta, out, usage, p.directives)) completed();
    return;
  }
  const json = wire.completionBody(meta, out.reasoning.join(""), out.answer.join(""), out.finishReason, usage);
  if (await jsonReply(state.config, res, signal, json, p.directives.keepalive ?? 0)) completed();
}

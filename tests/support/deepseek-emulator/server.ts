// Local DeepSeek API emulator: an HTTP server speaking the DeepSeek chat wire protocol (see README.md).
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PromptCache } from "./cache.ts";
import { authError, bearerKey, handleChat, sendError } from "./chat.ts";
import type { EmulatorConfig, EmulatorState, RecordedRequest } from "./chat.ts";
import { errors } from "./errors.ts";

export type { RecordedRequest } from "./chat.ts";

export const DEFAULT_MODELS = ["deepseek-flash", "deepseek-v4-flash", "deepseek-v4-pro"];

export type EmulatorOptions = {
  /** 0 (default) = random free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** per-token delay of streamed chunks, default 0 */
  tokenDelayMs?: number;
  /** spacing of `[[keepalive:N]]` comments / blank lines, default 1000 */
  keepAliveMs?: number;
  /** model ids listed by /models and accepted besides the legacy names */
  models?: string[];
  /** `reject`: deepseek-chat / deepseek-reasoner fail with the real post-retirement 400 */
  legacyNames?: "accept" | "reject";
  /** `v4` (default) or `legacy-r1` reasoning_content replay rule */
  replayRule?: "v4" | "legacy-r1";
};

export type Emulator = {
  url: string;
  port: number;
  close(): Promise<void>;
  /** every chat request received since start/reset, in arrival order */
  requests: RecordedRequest[];
  /** forget recorded requests, the prompt cache and `[[error:SxN]]` counters */
  reset(): void;
  /** requests still open (answering, or waiting for the client to hang up) */
  inflight(): number;
};

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new Error("request aborted before the body was complete"));
    });
  });
}

const CHAT_PATHS = new Set(["/chat/completions", "/v1/chat/completions", "/beta/chat/completions"]);
const MODEL_PATHS = new Set(["/models", "/v1/models"]);

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const config: EmulatorConfig = {
    tokenDelayMs: opts.tokenDelayMs ?? 0,
    keepAliveMs: opts.keepAliveMs ?? 1000,
    models: opts.models ?? [...DEFAULT_MODELS],
    legacyNames: opts.legacyNames ?? "accept",
    replayRule: opts.replayRule ?? "v4",
  };
  const state: EmulatorState = { config, cache: new PromptCache(), failures: new Map(), requests: [] };
  const inflight = new Set<AbortController>();
  const reset = () => {
    state.requests.length = 0;
    state.cache.reset();
    state.failures.clear();
  };

  async function route(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    res.setHeader("x-ds-trace-id", randomBytes(16).toString("hex"));
    const path = new URL(req.url ?? "/", "http://emulator").pathname.replace(/\/+$/, "") || "/";
    const method = req.method ?? "GET";
    const raw = await readBody(req);

    if (method === "POST" && CHAT_PATHS.has(path)) return handleChat(state, req, res, raw, signal);
    if (method === "POST" && path === "/__emulator/reset") {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    if (method === "GET" && path === "/__emulator/requests") return sendJson(res, 200, state.requests);

    if (method === "GET" && (MODEL_PATHS.has(path) || path === "/user/balance")) {
      const key = bearerKey(req);
      const auth = authError(key);
      if (auth) return sendError(res, auth);
      if (path !== "/user/balance") {
        return sendJson(res, 200, {
          object: "list",
          data: config.models.map((id) => ({ id, object: "model", owned_by: "deepseek" })),
        });
      }
      const broke = key.startsWith("sk-broke");
      const amount = (s: string) => (broke ? "0.00" : s);
      return sendJson(res, 200, {
        is_available: !broke,
        balance_infos: [
          {
            currency: "CNY",
            total_balance: amount("110.00"),
            granted_balance: amount("10.00"),
            topped_up_balance: amount("100.00"),
          },
        ],
      });
    }
    return sendError(res, errors.notFound());
  }

  const server = createServer((req, res) => {
    const controller = new AbortController();
    inflight.add(controller);
    res.on("close", () => {
      controller.abort();
      inflight.delete(controller);
    });
    route(req, res, controller.signal).catch(() => {
      if (!res.headersSent) sendError(res, errors.serverError());
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? "127.0.0.1";
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    requests: state.requests,
    reset,
    inflight: () => inflight.size,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const c of inflight) c.abort();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

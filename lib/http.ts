import "server-only";
import { z } from "zod";
import type { AppUser } from "@/lib/db/queries/users";
import { requireUser } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { REQUEST_ID_HEADER, isRequestId } from "@/lib/security/request-id";
import { redactSharePath } from "@/lib/sharing/access";

type Handler<C> = (req: Request, ctx: { user: AppUser; params: C; requestId: string }) => Promise<Response>;

/** Default cap for JSON bodies; routes pass a larger one where they need it (chat: 1 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every authenticated route handler goes through here: same-origin check for state-changing
 * methods (before anything else), then the user, then the handler. AppErrors become
 * `{ error: { code } }` with their status; a database that cannot be reached becomes 503
 * `offline:database`; anything else is logged and becomes a 500 without internals. One JSON log
 * line per request, tagged with the request id the proxy assigned.
 */
export function withUser<C = Record<string, never>>(handler: Handler<C>) {
  return async (req: Request, ctx: { params: Promise<C> }): Promise<Response> => {
    const started = Date.now();
    const requestId = requestIdOf(req);
    let userId: string | undefined;
    let res: Response;
    try {
      assertSameOrigin(req);
      const user = await requireUser();
      userId = user.id;
      res = await handler(req, { user, params: await ctx.params, requestId });
    } catch (e) {
      res = errorResponse(e, requestId);
      // A body refused unread (or half read) is still on the connection: close it rather than have
      // the client's next request on it read as the rest of this one.
      if (e instanceof AppError && e.code === "payload_too_large:api") res.headers.set("connection", "close");
    }
    try {
      res.headers.set(REQUEST_ID_HEADER, requestId);
    } catch {
      // immutable headers (e.g. a proxied Response): the proxy already set the id
    }
    log.info("request", {
      requestId,
      method: req.method,
      path: redactSharePath(new URL(req.url).pathname),
      status: res.status,
      ms: Date.now() - started,
      userId,
    });
    return res;
  };
}

/** withUser for admin-only handlers: members get 403 `forbidden:auth`. */
export function withAdmin<C = Record<string, never>>(handler: Handler<C>) {
  return withUser<C>(async (req, ctx) => {
    if (ctx.user.role !== "admin") throw new AppError("forbidden:auth");
    return handler(req, ctx);
  });
}

export function requestIdOf(req: Request): string {
  const given = req.headers.get(REQUEST_ID_HEADER);
  return given && isRequestId(given) ? given : crypto.randomUUID();
}

export function errorResponse(e: unknown, requestId?: string): Response {
  if (e instanceof AppError) return e.toResponse();
  if (isDatabaseUnavailable(e)) {
    log.warn("database unavailable", { requestId, error: e });
    return new AppError("offline:database").toResponse();
  }
  log.error("unhandled route error", { requestId, error: e });
  return new AppError("internal:api").toResponse();
}

/** The hosts a browser request may come from: this server as addressed, and the public AUTH_URL. */
function allowedHosts(req: Request): Set<string> {
  const hosts = new Set<string>();
  // Same rule Next.js applies to server actions: the proxy's forwarded host, else Host.
  const forwarded = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  if (forwarded) hosts.add(forwarded.toLowerCase());
  const host = req.headers.get("host");
  if (host) hosts.add(host.toLowerCase());
  if (env.AUTH_URL) hosts.add(new URL(env.AUTH_URL).host.toLowerCase());
  return hosts;
}

/**
 * CSRF defence for cookie-authenticated handlers: a state-changing request must come from this
 * site. Browsers always send `Origin` on non-GET requests (and `Sec-Fetch-Site`), and a page on
 * another site cannot forge either. A request with neither is not from a browser, so it carries
 * no ambient cookies an attacker could borrow.
 */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("forbidden:api", { reason: "cross_site" });
  }
  if (origin === null) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    throw new AppError("forbidden:api", { reason: "bad_origin" });
  }
  if (!allowedHosts(req).has(originHost)) throw new AppError("forbidden:api", { reason: "cross_origin" });
}

/** Reads at most `maxBytes` of the body; 413 as soon as the declared or actual size exceeds it. */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new AppError("payload_too_large:api", { maxBytes });
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function parseJson<T extends z.ZodType>(
  req: Request,
  schema: T,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<z.infer<T>> {
  const text = await readBodyText(req, maxBytes);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("bad_request:api", { reason: "invalid_json" });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("bad_request:api", { issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) });
  }
  return parsed.data;
}

/** Validates route params (path segments are input too); a mismatch is a 400 before any lookup. */
export function parseParams<T extends z.ZodType>(params: unknown, schema: T): z.infer<T> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new AppError("bad_request:api", { reason: "invalid_params" });
  return parsed.data;
}

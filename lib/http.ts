import "server-only";
import { z } from "zod";
import type { AppUser } from "@/lib/db/queries/users";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

type Handler<C> = (req: Request, ctx: { user: AppUser; params: C }) => Promise<Response>;

/**
 * Every authenticated route handler goes through here: resolve the user first, then run the
 * handler; AppErrors become `{ error: { code } }` with their status; anything else is logged and
 * becomes a 500 without internals.
 */
export function withUser<C = Record<string, never>>(handler: Handler<C>) {
  return async (req: Request, ctx: { params: Promise<C> }): Promise<Response> => {
    try {
      const user = await requireUser();
      return await handler(req, { user, params: await ctx.params });
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/** withUser for admin-only handlers: members get 403 `forbidden:auth`. */
export function withAdmin<C = Record<string, never>>(handler: Handler<C>) {
  return withUser<C>(async (req, ctx) => {
    if (ctx.user.role !== "admin") throw new AppError("forbidden:auth");
    return handler(req, ctx);
  });
}

export function errorResponse(e: unknown): Response {
  if (e instanceof AppError) return e.toResponse();
  console.error("[shoal] unhandled route error", e);
  return new AppError("internal:api").toResponse();
}

export async function parseJson<T extends z.ZodType>(req: Request, schema: T, maxBytes = 256 * 1024): Promise<z.infer<T>> {
  const text = await req.text();
  if (text.length > maxBytes) throw new AppError("bad_request:api", { reason: "body_too_large" });
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

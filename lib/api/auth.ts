import "server-only";
import { findActiveToken, touchApiToken } from "@/lib/db/queries/api-tokens";
import type { AppUser } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { getUsageSettings } from "@/lib/usage/settings";
import { bearerToken, hashToken, TOKEN_PREFIX } from "./tokens";
import { wireErrorFrom } from "./wire-errors";

export type ApiCaller = { user: AppUser; tokenId: string };

/** Resolves the personal token; a missing, unknown, revoked or expired token is the same 401. */
export async function requireApiCaller(req: Request): Promise<ApiCaller> {
  const token = bearerToken(req);
  if (!token || !token.startsWith(TOKEN_PREFIX)) throw new AppError("unauthorized:token");
  const found = await findActiveToken({ tokenHash: hashToken(token), now: new Date() });
  if (!found) throw new AppError("unauthorized:token");
  if (!(await getUsageSettings()).apiEnabled) throw new AppError("forbidden:api");
  // Best effort: a failed timestamp must not fail the request.
  touchApiToken({ id: found.id }).catch(() => {});
  return { user: found.user as AppUser, tokenId: found.id };
}

/** Route wrapper for /api/v1: token auth, and every failure in DeepSeek's error shape. */
export function withApiToken(handler: (req: Request, caller: ApiCaller) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    try {
      return await handler(req, await requireApiCaller(req));
    } catch (e) {
      return wireErrorFrom(e);
    }
  };
}

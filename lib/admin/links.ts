import "server-only";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/** A 256-bit URL-safe secret for invitation and password reset links; only its hash is stored. */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The public origin for links an admin copies: AUTH_URL when set, else the origin of the request. */
export function publicOrigin(req: Request): string {
  if (env.AUTH_URL) return env.AUTH_URL.replace(/\/+$/, "");
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host") || url.host;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

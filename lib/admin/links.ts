import "server-only";
import { randomBytes } from "node:crypto";
import { hashToken } from "@/lib/api/tokens";
import { env, getAuthSecret } from "@/lib/env";
import { deriveLinkKey, openLinkToken, sealLinkToken } from "./link-crypto";

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

let linkKey: Buffer | null = null;
function key(): Buffer {
  return (linkKey ??= deriveLinkKey(getAuthSecret()));
}

/** The invitation token sealed for the `tokenCiphertext` column (bound to its hash). */
export function sealInviteToken(token: string, tokenHash: string): string {
  return sealLinkToken(token, key(), tokenHash);
}

/** The sign-up link of a pending invitation, or null when it cannot be recovered (no or unreadable ciphertext). */
export function inviteLink(origin: string, row: { tokenHash: string; tokenCiphertext: string | null }): string | null {
  if (!row.tokenCiphertext) return null;
  const token = openLinkToken(row.tokenCiphertext, key(), row.tokenHash);
  // The hash check guards against a ciphertext that decrypts but is not this row's token.
  if (!token || hashToken(token) !== row.tokenHash) return null;
  return inviteUrl(origin, token);
}

export function inviteUrl(origin: string, token: string): string {
  return `${origin}/sign-up?invite=${token}`;
}

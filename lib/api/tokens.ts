import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "shoal-";

/** A new secret: `shoal-` + 40 base62 characters (~238 bits). Only its hash is stored. */
export function generateToken(): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const bytes = randomBytes(64);
  let out = "";
  for (const b of bytes) {
    if (b >= 248) continue; // 248 = 62 * 4: reject to keep the distribution uniform
    out += alphabet[b % 62];
    if (out.length === 40) break;
  }
  return out.length === 40 ? TOKEN_PREFIX + out : generateToken();
}

/** Tokens are long random secrets, so a fast hash is enough (no password stretching needed). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What the list shows: enough to recognise a token, useless to an attacker. */
export function displayPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 6);
}

export function bearerToken(req: Request): string | undefined {
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

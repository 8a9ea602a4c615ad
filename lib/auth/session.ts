import "server-only";
import { cookies } from "next/headers";
import { decode, encode, type JWT } from "next-auth/jwt";
import { cache } from "react";
import { getUserPrefsRaw, getUserWithPrefs, type AppUser } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { getAuthSecret } from "@/lib/env";
import { auth, SESSION_MAX_AGE_S } from "./config";

// Auth.js's session cookie: the __Secure- one over HTTPS (browsers send it only there).
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;
/** Auth.js's default `updateAge`: the cookie is renewed once it is older than this. */
const RENEW_AFTER_S = 24 * 60 * 60;

type SessionClaims = { id: string | undefined; sv: unknown };

/**
 * The session from its cookie, decrypted here with Auth.js's own `decode` (a fraction of a
 * millisecond, and nothing at all for a cookie seen before) instead of through `auth()`, which
 * builds its whole config and decrypts and re-encrypts the token on every call (≈ 3 ms per request,
 * bench/analysis.md) and, called from a route, drops the renewed cookie it makes. A cookie older
 * than a day is renewed here (its 30 days start again); `auth()` only reads a cookie Auth.js split
 * into chunks.
 */
async function readSession(): Promise<SessionClaims | null> {
  const jar = await cookies();
  const name = SESSION_COOKIES.find((n) => jar.has(n));
  if (!name) {
    // No cookie, or an oversized one Auth.js split into name.0, name.1, …
    return jar.getAll().some((c) => c.name.includes("authjs.session-token.")) ? viaAuthJs() : null;
  }
  const value = jar.get(name)!.value;
  const known = decoded.get(value);
  if (known && known.exp > Date.now() / 1000 + SESSION_MAX_AGE_S - RENEW_AFTER_S) return known;
  const token = await decode({ token: value, secret: getAuthSecret(), salt: name }).catch(() => null);
  if (!token || typeof token.exp !== "number" || token.exp <= Date.now() / 1000) return null;
  const claims = { id: token.sub, sv: token.sv, exp: token.exp };
  if (token.exp > Date.now() / 1000 + SESSION_MAX_AGE_S - RENEW_AFTER_S) remember(value, claims);
  else await renew(name, token);
  return claims;
}

/**
 * Cookies decrypted before, by their exact text (a few per signed-in user, at most
 * DECODED_CACHE_SIZE): decrypting is several thread-pool round trips (≈ 1.5–2 ms in the app), and
 * the same cookie comes with every request until it is renewed. Only what decrypted and verified
 * is kept, with its expiry, which is checked on every use.
 */
const DECODED_CACHE_SIZE = 1000;
const decoded = new Map<string, SessionClaims & { exp: number }>();

function remember(value: string, claims: SessionClaims & { exp: number }) {
  if (decoded.size >= DECODED_CACHE_SIZE) decoded.delete(decoded.keys().next().value!);
  decoded.set(value, claims);
}

/**
 * The same claims in a cookie that lasts 30 days from now, as Auth.js's session endpoint would
 * issue it. Route handlers and server actions can set cookies; a page being rendered cannot, and
 * then the next API request (the chat list loads with every page) renews it.
 */
async function renew(name: string, token: JWT) {
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token;
  const value = await encode({ token: claims, secret: getAuthSecret(), salt: name, maxAge: SESSION_MAX_AGE_S });
  try {
    (await cookies()).set(name, value, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: name.startsWith("__Secure-"),
      expires: new Date(Date.now() + SESSION_MAX_AGE_S * 1000),
    });
  } catch {
    // Rendering a page: cookies are read-only there.
  }
}

async function viaAuthJs(): Promise<SessionClaims | null> {
  const session = await auth();
  return session ? { id: session.user?.id, sv: (session as { sv?: unknown }).sv } : null;
}

// The user's preferences come from the same row (and statement) as the session's user. They are
// kept beside that user object rather than on AppUser, so they never travel with it (props, logs).
const prefsReadWithSession = new WeakMap<AppUser, unknown>();

/**
 * The signed-in, active user for this request, or null. Cached per request. The user is re-read
 * every time, so disabling, deleting or changing the password (which moves `sessionVersion` on)
 * ends every existing session at its next request.
 */
export const getCurrentUser = cache(async (): Promise<AppUser | null> => {
  const session = await readSession();
  const id = session?.id;
  if (!id) return null;
  const found = await getUserWithPrefs({ id });
  if (!found || found.user.status !== "active") return null;
  const sv = session.sv;
  if ((typeof sv === "number" ? sv : 0) !== found.user.sessionVersion) return null;
  prefsReadWithSession.set(found.user, found.prefsRaw);
  return found.user;
});

/** The user's stored preferences (raw): read with the session when `user` came from it, else read now. */
export async function getUserPrefsFor(user: AppUser): Promise<unknown> {
  return prefsReadWithSession.has(user) ? prefsReadWithSession.get(user) : getUserPrefsRaw({ id: user.id });
}

export async function requireUser(): Promise<AppUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized:auth");
  return user;
}

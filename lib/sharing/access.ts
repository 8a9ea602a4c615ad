import { randomBytes } from "node:crypto";

// Pure sharing rules, shared by the pages, the route handlers and the unit tests.
export const SHARE_VISIBILITIES = ["team", "public"] as const;
export type ShareVisibility = (typeof SHARE_VISIBILITIES)[number];
/** What the owner picks in the dialog: private means "no share row". */
export type ChatVisibility = "private" | ShareVisibility;

/** 128 random bits, base64url (22 characters): unguessable, and safe in a URL path. */
export function newShareToken(): string {
  return randomBytes(16).toString("base64url");
}

export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export function isShareToken(value: string): boolean {
  return SHARE_TOKEN_PATTERN.test(value);
}

export type ShareAccess = "ok" | "sign_in" | "not_found";
export type Viewer = { id: string; status: string } | null;

/**
 * Who may read a share link. A public link needs nobody signed in, unless the admin switched public
 * sharing off (then it is a 404, like a link that never existed, and comes back when switched on).
 * A team link needs a signed-in, active user; anonymous visitors are sent to sign in.
 */
export function shareAccess({
  visibility,
  viewer,
  publicEnabled,
}: {
  visibility: string;
  viewer: Viewer;
  publicEnabled: boolean;
}): ShareAccess {
  if (visibility === "public") return publicEnabled ? "ok" : "not_found";
  if (visibility === "team") return viewer && viewer.status === "active" ? "ok" : "sign_in";
  return "not_found";
}

/**
 * How the sharer is named on the shared page. Public viewers never see an email address: the name,
 * else "a team member". Signed-in team members may see the email when there is no name.
 */
export function sharerLabel({
  name,
  email,
  viewerSignedIn,
}: {
  name: string | null;
  email: string;
  viewerSignedIn: boolean;
}): string | null {
  if (name?.trim()) return name.trim();
  return viewerSignedIn ? email : null;
}

/** A relative path on this site to go back to after signing in; anything else is dropped. */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null;
  if (value.length > 512 || /[\u0000-\u001f]/.test(value)) return null;
  return value;
}

/** A request path for the logs: share tokens are capabilities, so they never reach a log line. */
export function redactSharePath(pathname: string): string {
  return pathname.replace(/^\/(s|api\/shares)\/[^/]+/, "/$1/[token]");
}

import "server-only";
import { cache } from "react";
import { getUserPrefsRaw, getUserWithPrefs, type AppUser } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { auth } from "./config";

// The user's preferences come from the same row (and statement) as the session's user. They are
// kept beside that user object rather than on AppUser, so they never travel with it (props, logs).
const prefsReadWithSession = new WeakMap<AppUser, unknown>();

/**
 * The signed-in, active user for this request, or null. Cached per request. The user is re-read
 * every time, so disabling, deleting or changing the password (which moves `sessionVersion` on)
 * ends every existing session at its next request.
 */
export const getCurrentUser = cache(async (): Promise<AppUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const found = await getUserWithPrefs({ id });
  if (!found || found.user.status !== "active") return null;
  const sv = (session as { sv?: unknown }).sv;
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

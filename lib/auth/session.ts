import "server-only";
import { cache } from "react";
import { getUserById, type AppUser } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { auth } from "./config";

/**
 * The signed-in, active user for this request, or null. Cached per request. The user is re-read
 * every time, so disabling, deleting or changing the password (which moves `sessionVersion` on)
 * ends every existing session at its next request.
 */
export const getCurrentUser = cache(async (): Promise<AppUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getUserById({ id });
  if (!user || user.status !== "active") return null;
  const sv = (session as { sv?: unknown }).sv;
  return (typeof sv === "number" ? sv : 0) === user.sessionVersion ? user : null;
});

export async function requireUser(): Promise<AppUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized:auth");
  return user;
}

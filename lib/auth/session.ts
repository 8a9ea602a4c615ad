import "server-only";
import { cache } from "react";
import { getUserById, type AppUser } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { auth } from "./config";

/** The signed-in, active user for this request, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<AppUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getUserById({ id });
  return user && user.status === "active" ? user : null;
});

export async function requireUser(): Promise<AppUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized:auth");
  return user;
}

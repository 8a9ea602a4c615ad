import "server-only";
import { getDb } from "../client";

export type UserRole = "admin" | "member";
export type AppUser = { id: string; email: string; name: string | null; role: UserRole; status: string };

const publicFields = { id: true, email: true, name: true, role: true, status: true } as const;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserById({ id }: { id: string }): Promise<AppUser | null> {
  return (await getDb().user.findUnique({ where: { id }, select: publicFields })) as AppUser | null;
}

export async function getUserCredentials({ email }: { email: string }) {
  return getDb().user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { ...publicFields, passwordHash: true },
  });
}

/**
 * Creates a user; the first account on the instance becomes admin. Returns null when the email is
 * taken. The count and insert share a transaction so two first sign-ups on SQLite cannot both win.
 */
export async function createUser({
  email,
  name,
  passwordHash,
}: {
  email: string;
  name?: string;
  passwordHash: string;
}): Promise<AppUser | null> {
  const db = getDb();
  const normalized = normalizeEmail(email);
  try {
    return (await db.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: normalized }, select: { id: true } });
      if (existing) return null;
      const role: UserRole = (await tx.user.count()) === 0 ? "admin" : "member";
      return tx.user.create({
        data: { email: normalized, name: name?.trim() || null, passwordHash, role },
        select: publicFields,
      });
    })) as AppUser | null;
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") return null;
    throw e;
  }
}

export async function getUserPrefsRaw({ id }: { id: string }): Promise<unknown> {
  return (await getDb().user.findUnique({ where: { id }, select: { settings: true } }))?.settings ?? null;
}

export async function saveUserPrefs({ id, prefs }: { id: string; prefs: Record<string, unknown> }): Promise<void> {
  await getDb().user.update({ where: { id }, data: { settings: prefs as object } });
}

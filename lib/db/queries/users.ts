import "server-only";
import { getDb } from "../client";

export type UserRole = "admin" | "member";
export type UserStatus = "active" | "disabled" | "pending";
export type AppUser = { id: string; email: string; name: string | null; role: UserRole; status: string; sessionVersion: number };

const publicFields = { id: true, email: true, name: true, role: true, status: true, sessionVersion: true } as const;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserById({ id }: { id: string }): Promise<AppUser | null> {
  return (await getDb().user.findUnique({ where: { id }, select: publicFields })) as AppUser | null;
}

/**
 * The user and their raw preferences in one read: the session lookup, whose row then also serves
 * the preferences for the rest of the request (lib/auth/session.ts).
 */
export async function getUserWithPrefs({ id }: { id: string }): Promise<{ user: AppUser; prefsRaw: unknown } | null> {
  const row = await getDb().user.findUnique({ where: { id }, select: { ...publicFields, settings: true } });
  if (!row) return null;
  const { settings, ...user } = row;
  return { user: user as AppUser, prefsRaw: settings ?? null };
}

export async function getUserCredentials({ email }: { email: string }) {
  return getDb().user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { ...publicFields, passwordHash: true },
  });
}

/**
 * Creates a user; the first account on the instance becomes an active admin. Returns null when the
 * email is taken, "invite_invalid" when the invitation was used, revoked or expired meanwhile. The
 * count, the invitation and the insert share a transaction so two first sign-ups (or two uses of
 * one link) cannot both win.
 */
export async function createUser({
  email,
  name,
  passwordHash,
  status = "active",
  role = "member",
  inviteId,
}: {
  email: string;
  name?: string;
  passwordHash: string;
  status?: UserStatus;
  role?: UserRole;
  inviteId?: string;
}): Promise<AppUser | null | "invite_invalid"> {
  return insertNewUser({ email, fields: { name: name?.trim() || null, passwordHash }, role, status, inviteId });
}

/**
 * The one way a user row is created (password sign-up and SSO): in one transaction, refuse a taken
 * email, make the first account an active admin, link the SSO identity if any, and mark the
 * invitation used (rolling everything back if someone else used it first).
 */
export async function insertNewUser({
  email,
  fields,
  role,
  status,
  inviteId,
  identity,
}: {
  email: string;
  fields: { name: string | null; passwordHash?: string; image?: string | null; emailVerified?: Date };
  /** Role and status of any account but the first. */
  role: UserRole;
  status: UserStatus;
  inviteId?: string;
  identity?: { provider: string; providerAccountId: string; type: string };
}): Promise<AppUser | null | "invite_invalid"> {
  const normalized = normalizeEmail(email);
  try {
    return (await getDb().$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: normalized }, select: { id: true } });
      if (existing) return null;
      const first = (await tx.user.count()) === 0;
      const user = await tx.user.create({
        // Nobody could approve the first account, so it is never left pending.
        data: { ...fields, email: normalized, role: first ? "admin" : role, status: first ? "active" : status },
        select: publicFields,
      });
      if (identity) await tx.account.create({ data: { userId: user.id, ...identity } });
      if (inviteId) {
        const now = new Date();
        const { count } = await tx.invitation.updateMany({
          where: { id: inviteId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
          data: { usedAt: now, usedById: user.id },
        });
        if (count !== 1) throw new InviteRace();
      }
      return user;
    })) as AppUser | null;
  } catch (e) {
    if (e instanceof InviteRace) return "invite_invalid";
    if ((e as { code?: string }).code === "P2002") return null;
    throw e;
  }
}

/** Another sign-up used the invitation between the policy check and this insert: roll back. */
class InviteRace extends Error {}

export async function countUsers(): Promise<number> {
  return getDb().user.count();
}

export async function noteSignIn({ id }: { id: string }): Promise<void> {
  await getDb().user.update({ where: { id }, data: { lastSignInAt: new Date() } });
}

/** New password hash; the session version moves on, so every other session is signed out. */
export async function setPasswordHash({ id, passwordHash }: { id: string; passwordHash: string }): Promise<void> {
  await getDb().user.update({ where: { id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
}

export async function getUserPrefsRaw({ id }: { id: string }): Promise<unknown> {
  return (await getDb().user.findUnique({ where: { id }, select: { settings: true } }))?.settings ?? null;
}

export async function saveUserPrefs({ id, prefs }: { id: string; prefs: Record<string, unknown> }): Promise<void> {
  await getDb().user.update({ where: { id }, data: { settings: prefs as object } });
}

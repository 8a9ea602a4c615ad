import "server-only";
import { getDb } from "../client";
import { insertNewUser, normalizeEmail, type AppUser, type UserRole } from "./users";

// OAuth/OIDC identities live in Auth.js's Account table (the Prisma adapter reads it back by
// provider + providerAccountId). Shoal keeps no provider tokens: it never calls the provider's API
// after sign-in, so storing access/refresh tokens would only be a liability.

type Identity = { provider: string; providerAccountId: string; type: string };
type Status = { id: string; status: string };

export async function getUserByIdentity({ provider, providerAccountId }: { provider: string; providerAccountId: string }): Promise<Status | null> {
  const row = await getDb().account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { user: { select: { id: true, status: true } } },
  });
  return row?.user ?? null;
}

export async function getUserStatusByEmail({ email }: { email: string }): Promise<Status | null> {
  return getDb().user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true, status: true } });
}

/** Links an identity to an existing user; the provider has verified the email, so it is marked verified. */
export async function linkIdentity({ userId, identity }: { userId: string; identity: Identity }): Promise<void> {
  const db = getDb();
  try {
    await db.account.create({ data: { userId, ...identity } });
  } catch (e) {
    // A parallel callback for the same identity already linked it: same outcome.
    if ((e as { code?: string }).code !== "P2002") throw e;
  }
  await db.user.updateMany({ where: { id: userId, emailVerified: null }, data: { emailVerified: new Date() } });
}

/**
 * Creates a user (no password) with its first identity. The first account on the instance becomes
 * admin (and active), as in createUser; count and insert share a transaction. Returns null when the email was
 * taken in the meantime.
 */
export async function createUserWithIdentity({
  email,
  name,
  image,
  status,
  identity,
  role = "member",
  inviteId,
}: {
  email: string;
  name?: string | null;
  image?: string | null;
  status: "active" | "pending";
  identity: Identity;
  /** From an invitation: its role, and its id to mark it used in the same transaction. */
  role?: UserRole;
  inviteId?: string;
}): Promise<AppUser | null | "invite_invalid"> {
  return insertNewUser({
    email,
    fields: { name: name?.trim().slice(0, 100) || null, image: image || null, emailVerified: new Date() },
    role,
    status,
    inviteId,
    identity,
  });
}

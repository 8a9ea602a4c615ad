import "server-only";
import { getDb } from "../client";

export async function createPasswordReset(input: { tokenHash: string; userId: string; createdById: string; expiresAt: Date }): Promise<{ id: string; expiresAt: Date }> {
  const db = getDb();
  // One live link per user: issuing a new one retires the previous.
  await db.passwordReset.updateMany({ where: { userId: input.userId, usedAt: null }, data: { usedAt: new Date() } });
  return db.passwordReset.create({ data: input, select: { id: true, expiresAt: true } });
}

/** The user a still-valid link belongs to (active or pending accounts only), or null. */
export async function findValidPasswordReset({ tokenHash, now }: { tokenHash: string; now: Date }) {
  const row = await getDb().passwordReset.findUnique({ where: { tokenHash }, select: { id: true, userId: true, usedAt: true, expiresAt: true } });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  const user = await getDb().user.findUnique({ where: { id: row.userId }, select: { id: true, email: true, status: true } });
  return user ? { id: row.id, user } : null;
}

/**
 * Uses the link and sets the password in one transaction; the session version moves on so every
 * session of the account is signed out. False when the link was used meanwhile.
 */
export async function consumePasswordReset({ id, userId, passwordHash, now }: { id: string; userId: string; passwordHash: string; now: Date }): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count !== 1) return false;
    await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    return true;
  });
}

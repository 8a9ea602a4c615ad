import "server-only";
import type { UserRole } from "./users";
import { getDb } from "../client";

export type InvitationRow = {
  id: string;
  email: string | null;
  role: string;
  createdById: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

const fields = { id: true, email: true, role: true, createdById: true, expiresAt: true, usedAt: true, revokedAt: true, createdAt: true } as const;

export async function createInvitation(input: { tokenHash: string; tokenCiphertext: string | null; email: string | null; role: UserRole; createdById: string; expiresAt: Date }): Promise<InvitationRow> {
  return getDb().invitation.create({ data: input, select: fields });
}

/** Invitations that can still be used, newest first, with what is needed to rebuild their links. */
export async function listPendingInvitations({ now }: { now: Date }): Promise<Array<InvitationRow & { tokenHash: string; tokenCiphertext: string | null }>> {
  return getDb().invitation.findMany({
    where: { usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { ...fields, tokenHash: true, tokenCiphertext: true },
    take: 500,
  });
}

export async function findInvitationByHash({ tokenHash }: { tokenHash: string }): Promise<InvitationRow | null> {
  return getDb().invitation.findUnique({ where: { tokenHash }, select: fields });
}

export async function revokeInvitation({ id }: { id: string }): Promise<InvitationRow | null> {
  const db = getDb();
  const { count } = await db.invitation.updateMany({ where: { id, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
  return count ? db.invitation.findUnique({ where: { id }, select: fields }) : null;
}

/** Marks the invitation used by `userId`; false when it was used, revoked or expired meanwhile. */
export async function markInvitationUsed({ id, userId, now }: { id: string; userId: string; now: Date }): Promise<boolean> {
  const { count } = await getDb().invitation.updateMany({
    where: { id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now, usedById: userId },
  });
  return count === 1;
}

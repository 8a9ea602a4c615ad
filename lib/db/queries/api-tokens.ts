import "server-only";
import { getDb } from "../client";

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
};

const summaryFields = { id: true, name: true, prefix: true, expiresAt: true, revokedAt: true, lastUsedAt: true, createdAt: true } as const;

export async function createApiToken(input: { userId: string; name: string; tokenHash: string; prefix: string; expiresAt: Date | null }): Promise<ApiTokenSummary> {
  return getDb().apiToken.create({ data: input, select: summaryFields });
}

export async function listApiTokens({ userId }: { userId: string }): Promise<ApiTokenSummary[]> {
  return getDb().apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, select: summaryFields });
}

export async function listAllApiTokens(): Promise<Array<ApiTokenSummary & { userEmail: string }>> {
  const rows = await getDb().apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: { ...summaryFields, user: { select: { email: true } } },
  });
  return rows.map(({ user, ...t }) => ({ ...t, userEmail: user.email }));
}

/** Revokes a token; `userId` restricts it to the owner's tokens (omit for admins). Returns false if none matched. */
export async function revokeApiToken({ id, userId }: { id: string; userId?: string }): Promise<boolean> {
  const { count } = await getDb().apiToken.updateMany({
    where: { id, ...(userId ? { userId } : {}), revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count > 0;
}

/** The token's owner, if the token exists, is not revoked or expired, and the owner is active. */
export async function findActiveToken({ tokenHash, now }: { tokenHash: string; now: Date }) {
  const token = await getDb().apiToken.findUnique({
    where: { tokenHash },
    select: { id: true, revokedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, role: true, status: true } } },
  });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now) || token.user.status !== "active") return null;
  return { id: token.id, user: token.user };
}

export async function touchApiToken({ id }: { id: string }): Promise<void> {
  await getDb().apiToken.update({ where: { id }, data: { lastUsedAt: new Date() } });
}

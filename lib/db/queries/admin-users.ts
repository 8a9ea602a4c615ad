import "server-only";
import { AppError } from "@/lib/errors";
import { getDb, type Db } from "../client";
import type { UserRole, UserStatus } from "./users";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type AdminUserRow = {
  id: string;
  email: string;
  name: string | null;
  role: string;
  status: string;
  createdAt: Date;
  lastActiveAt: Date | null;
  chats: number;
  usage: { requests: number; tokens: number; costUsd: number };
};

/** Users matching `q` (email or name, substring), newest first, with a usage summary since `since`. */
export async function listUsersForAdmin({ q, since, page, pageSize }: { q?: string; since: Date; page: number; pageSize: number }) {
  const db = getDb();
  const term = q?.trim();
  const where = term ? { OR: [{ email: { contains: term.toLowerCase() } }, { name: { contains: term } }] } : {};
  const [users, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, email: true, name: true, role: true, status: true, createdAt: true, lastSignInAt: true, _count: { select: { chats: true } } },
    }),
    db.user.count({ where }),
  ]);
  const ids = users.map((u) => u.id);
  const [recent, lastSeen] = await Promise.all([
    db.usageRecord.groupBy({
      by: ["userId"],
      where: { userId: { in: ids }, startedAt: { gte: since } },
      _sum: { inputCacheHitTokens: true, inputCacheMissTokens: true, outputTokens: true, costUsd: true },
      _count: { _all: true },
    }),
    db.usageRecord.groupBy({ by: ["userId"], where: { userId: { in: ids } }, _max: { startedAt: true } }),
  ]);
  const rows: AdminUserRow[] = users.map((u) => {
    const r = recent.find((x) => x.userId === u.id);
    const seen = lastSeen.find((x) => x.userId === u.id)?._max.startedAt ?? null;
    const candidates = [u.lastSignInAt, seen].filter((d): d is Date => d instanceof Date);
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      status: u.status,
      createdAt: u.createdAt,
      lastActiveAt: candidates.length ? new Date(Math.max(...candidates.map((d) => d.getTime()))) : null,
      chats: u._count.chats,
      usage: {
        requests: r?._count._all ?? 0,
        tokens: (r?._sum.inputCacheHitTokens ?? 0) + (r?._sum.inputCacheMissTokens ?? 0) + (r?._sum.outputTokens ?? 0),
        costUsd: r?._sum.costUsd ?? 0,
      },
    };
  });
  return { users: rows, total };
}

type Target = { id: string; email: string; role: string; status: string };

// Serializable, so two admins demoting each other at once cannot both succeed (on PostgreSQL the
// loser gets a serialization failure; SQLite runs writers one at a time anyway).
async function guarded<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await getDb().$transaction(fn, { isolationLevel: "Serializable" });
  } catch (e) {
    if ((e as { code?: string }).code === "P2034") throw new AppError("conflict:admin", { reason: "concurrent_change" });
    throw e;
  }
}

async function loadTarget(tx: Tx, id: string): Promise<Target> {
  const user = await tx.user.findUnique({ where: { id }, select: { id: true, email: true, role: true, status: true } });
  if (!user) throw new AppError("not_found:user");
  return user;
}

/** Throws unless another active admin remains once `target` stops being one. */
async function assertAnotherAdmin(tx: Tx, target: Target): Promise<void> {
  if (target.role !== "admin" || target.status !== "active") return;
  const others = await tx.user.count({ where: { role: "admin", status: "active", id: { not: target.id } } });
  if (others === 0) throw new AppError("conflict:admin", { reason: "last_admin" });
}

export async function setUserRole({ id, role }: { id: string; role: UserRole }): Promise<{ before: Target; after: Target }> {
  return guarded(async (tx) => {
    const before = await loadTarget(tx, id);
    if (role !== "admin") await assertAnotherAdmin(tx, before);
    const after = await tx.user.update({ where: { id }, data: { role }, select: { id: true, email: true, role: true, status: true } });
    return { before, after };
  });
}

/** Disabling moves the session version on, so every session of the user ends at its next request. */
export async function setUserStatus({ id, status }: { id: string; status: Exclude<UserStatus, "pending"> }): Promise<{ before: Target; after: Target }> {
  return guarded(async (tx) => {
    const before = await loadTarget(tx, id);
    if (status !== "active") await assertAnotherAdmin(tx, before);
    const after = await tx.user.update({
      where: { id },
      data: { status, ...(status === "disabled" ? { sessionVersion: { increment: 1 } } : {}) },
      select: { id: true, email: true, role: true, status: true },
    });
    return { before, after };
  });
}

/**
 * Deletes a user. Their chats are deleted with them, or first handed to `transferTo` (chats whose
 * import key the receiver already has lose the key, so the unique constraint holds). Usage records,
 * API tokens and sessions go with the account.
 */
export async function deleteUserAsAdmin({ id, transferTo }: { id: string; transferTo?: string }): Promise<{ target: Target; transferred: number; deletedChats: number }> {
  return guarded(async (tx) => {
    const target = await loadTarget(tx, id);
    await assertAnotherAdmin(tx, target);
    let transferred = 0;
    let deletedChats = 0;
    if (transferTo) {
      if (transferTo === id) throw new AppError("bad_request:user", { reason: "transfer_to_self" });
      const receiver = await tx.user.findUnique({ where: { id: transferTo }, select: { id: true } });
      if (!receiver) throw new AppError("bad_request:user", { reason: "transfer_target_missing" });
      const taken = await tx.chat.findMany({ where: { userId: transferTo, importKey: { not: null } }, select: { importKey: true } });
      const keys = taken.map((c) => c.importKey as string);
      if (keys.length) await tx.chat.updateMany({ where: { userId: id, importKey: { in: keys } }, data: { importKey: null } });
      transferred = (await tx.chat.updateMany({ where: { userId: id }, data: { userId: transferTo } })).count;
    } else {
      deletedChats = await tx.chat.count({ where: { userId: id } });
    }
    await tx.userBudget.deleteMany({ where: { userId: id } });
    await tx.passwordReset.deleteMany({ where: { userId: id } });
    await tx.user.delete({ where: { id } });
    return { target, transferred, deletedChats };
  });
}

export async function listUserChoices(): Promise<Array<{ id: string; email: string }>> {
  return getDb().user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true }, take: 1000 });
}

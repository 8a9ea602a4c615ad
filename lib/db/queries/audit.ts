import "server-only";
import { getDb } from "../client";

export type NewAuditEntry = {
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  targetLabel?: string | null;
  details?: Record<string, unknown> | null;
};

export type AuditEntry = Required<Omit<NewAuditEntry, "details">> & { id: string; details: unknown; createdAt: Date };

export async function insertAuditEntry(entry: NewAuditEntry): Promise<void> {
  await getDb().auditLog.create({
    data: {
      actorId: entry.actorId,
      actorEmail: entry.actorEmail,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      targetLabel: entry.targetLabel ?? null,
      details: (entry.details ?? undefined) as object | undefined,
    },
  });
}

/** Newest first, one page at a time. */
export async function listAuditEntries({ page, pageSize }: { page: number; pageSize: number }): Promise<{ entries: AuditEntry[]; total: number }> {
  const db = getDb();
  const [entries, total] = await Promise.all([
    db.auditLog.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db.auditLog.count(),
  ]);
  return { entries: entries as AuditEntry[], total };
}

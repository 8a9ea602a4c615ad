import "server-only";
import type { AppUser } from "@/lib/db/queries/users";
import { insertAuditEntry } from "@/lib/db/queries/audit";
import { log } from "@/lib/log";

export type AuditAction =
  | "user.role"
  | "user.disable"
  | "user.enable"
  | "user.approve"
  | "user.delete"
  | "user.password_reset_link"
  | "invite.create"
  | "invite.revoke"
  | "signup_policy.update"
  | "sharing.update"
  | "prices.create"
  | "usage_settings.update"
  | "budget.update"
  | "token.revoke";

/**
 * Records an admin action. It runs after the action succeeded; a failure to write the log is
 * logged loudly but does not undo the action the admin already saw happen.
 */
export async function audit(
  actor: Pick<AppUser, "id" | "email">,
  action: AuditAction,
  target?: { type: string; id: string; label?: string | null } | null,
  details?: Record<string, unknown>,
): Promise<void> {
  try {
    await insertAuditEntry({
      actorId: actor.id,
      actorEmail: actor.email,
      action,
      targetType: target?.type ?? null,
      targetId: target?.id ?? null,
      targetLabel: target?.label ?? null,
      details: details ?? null,
    });
  } catch (e) {
    log.error("audit log write failed", { action, error: e });
  }
}

import { audit } from "@/lib/admin/audit";
import { revokeInvitation } from "@/lib/db/queries/invitations";
import { AppError } from "@/lib/errors";
import { withAdmin } from "@/lib/http";

export const DELETE = withAdmin<{ id: string }>(async (_req, { user, params }) => {
  const invite = await revokeInvitation({ id: params.id });
  if (!invite) throw new AppError("not_found:invite");
  await audit(user, "invite.revoke", { type: "invite", id: invite.id, label: invite.email });
  return new Response(null, { status: 204 });
});

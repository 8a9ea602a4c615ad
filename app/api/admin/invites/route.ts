import { audit } from "@/lib/admin/audit";
import { newLinkToken, publicOrigin } from "@/lib/admin/links";
import { inviteCreateSchema } from "@/lib/admin/schemas";
import { hashToken } from "@/lib/api/tokens";
import { createInvitation, listPendingInvitations } from "@/lib/db/queries/invitations";
import { normalizeEmail } from "@/lib/db/queries/users";
import { parseJson, withAdmin } from "@/lib/http";

export const GET = withAdmin(async () => Response.json({ invites: await listPendingInvitations({ now: new Date() }) }));

/** The link is in this response only: the database keeps the token's hash. */
export const POST = withAdmin(async (req, { user }) => {
  const input = await parseJson(req, inviteCreateSchema, 4 * 1024);
  const token = newLinkToken();
  const invite = await createInvitation({
    tokenHash: hashToken(token),
    email: input.email ? normalizeEmail(input.email) : null,
    role: input.role,
    createdById: user.id,
    expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
  });
  await audit(user, "invite.create", { type: "invite", id: invite.id, label: invite.email }, { role: invite.role, expiresAt: invite.expiresAt.toISOString() });
  return Response.json({ invite, url: `${publicOrigin(req)}/sign-up?invite=${token}` }, { status: 201 });
});

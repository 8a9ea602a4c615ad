import { audit } from "@/lib/admin/audit";
import { inviteLink, inviteUrl, newLinkToken, publicOrigin, sealInviteToken } from "@/lib/admin/links";
import { inviteCreateSchema } from "@/lib/admin/schemas";
import { hashToken } from "@/lib/api/tokens";
import { createInvitation, listPendingInvitations } from "@/lib/db/queries/invitations";
import { normalizeEmail } from "@/lib/db/queries/users";
import { parseJson, withAdmin } from "@/lib/http";

/**
 * Pending invitations with their links, so an admin can copy one again later. `url` is null for
 * invitations stored before links were kept (or sealed under a previous AUTH_SECRET).
 */
export const GET = withAdmin(async (req) => {
  const origin = publicOrigin(req);
  const rows = await listPendingInvitations({ now: new Date() });
  const invites = rows.map(({ tokenHash, tokenCiphertext, ...invite }) => ({ ...invite, url: inviteLink(origin, { tokenHash, tokenCiphertext }) }));
  return Response.json({ invites });
});

/** The database keeps the token's hash (for lookup) and the token sealed with a key derived from AUTH_SECRET. */
export const POST = withAdmin(async (req, { user }) => {
  const input = await parseJson(req, inviteCreateSchema, 4 * 1024);
  const token = newLinkToken();
  const tokenHash = hashToken(token);
  const invite = await createInvitation({
    tokenHash,
    tokenCiphertext: sealInviteToken(token, tokenHash),
    email: input.email ? normalizeEmail(input.email) : null,
    role: input.role,
    createdById: user.id,
    expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
  });
  await audit(user, "invite.create", { type: "invite", id: invite.id, label: invite.email }, { role: invite.role, expiresAt: invite.expiresAt.toISOString() });
  return Response.json({ invite, url: inviteUrl(publicOrigin(req), token) }, { status: 201 });
});

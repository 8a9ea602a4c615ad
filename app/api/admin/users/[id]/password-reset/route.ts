import { audit } from "@/lib/admin/audit";
import { newLinkToken, publicOrigin } from "@/lib/admin/links";
import { isMailConfigured, sendMail } from "@/lib/admin/mail";
import { hashToken } from "@/lib/api/tokens";
import { createPasswordReset } from "@/lib/db/queries/password-resets";
import { getUserById } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { withAdmin } from "@/lib/http";
import { translator } from "@/lib/i18n";

const RESET_TTL_MS = 24 * 60 * 60 * 1000;

/** A single-use reset link (24 h) for the admin to copy; mailed to the user as well when SMTP is set. */
export const POST = withAdmin<{ id: string }>(async (req, { user, params }) => {
  const target = await getUserById({ id: params.id });
  if (!target) throw new AppError("not_found:user");
  const token = newLinkToken();
  const reset = await createPasswordReset({ tokenHash: hashToken(token), userId: target.id, createdById: user.id, expiresAt: new Date(Date.now() + RESET_TTL_MS) });
  const url = `${publicOrigin(req)}/reset-password/${token}`;
  let emailed = false;
  if (isMailConfigured()) {
    const t = translator("en");
    emailed = await sendMail({ to: target.email, subject: t("admin.reset.mailSubject"), text: t("admin.reset.mailBody", { url }) });
  }
  await audit(user, "user.password_reset_link", { type: "user", id: target.id, label: target.email }, { emailed });
  return Response.json({ url, expiresAt: reset.expiresAt.toISOString(), emailed }, { status: 201 });
});

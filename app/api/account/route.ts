import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { deleteAccount, getPasswordHash } from "@/lib/db/queries/portability";
import { normalizeEmail } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { parseJson, withUser } from "@/lib/http";

import { deleteAccountSchema } from "@/lib/portability/account-schema";

// Deleting an account needs the account's email typed out and its password, so a stolen session
// cookie or a stray click cannot erase someone's history.

export const DELETE = withUser(async (req, { user }) => {
  const input = await parseJson(req, deleteAccountSchema, 8 * 1024);
  const hash = await getPasswordHash({ userId: user.id });
  const passwordOk = await verifyPassword(hash ?? (await dummyPasswordHash()), input.password);
  if (normalizeEmail(input.email) !== user.email || !hash || !passwordOk) {
    throw new AppError("forbidden:account", { reason: "confirmation_failed" });
  }
  await deleteAccount({ userId: user.id });
  return new Response(null, { status: 204 });
});

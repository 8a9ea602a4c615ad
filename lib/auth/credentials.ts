import "server-only";
import { CredentialsSignin } from "next-auth";
import { getUserCredentials, noteSignIn } from "@/lib/db/queries/users";
import { clearSignInFailures, clientIp, isSignInLimited, recordSignInFailure } from "./sign-in-limits";
import { dummyPasswordHash, verifyPassword } from "./password";
import { credentialsSchema } from "./schema";

/** Refusals the sign-in form explains; Auth.js passes `code` through to signIn()'s caller. */
export class SignInRefused extends CredentialsSignin {
  constructor(code: "rate_limited" | "pending_approval" | "account_disabled") {
    super();
    this.code = code;
  }
}

/**
 * The Credentials provider's authorize(). Unknown emails take the same path as wrong passwords
 * (a real hash is verified, the same failure is counted), so neither the answer, the limit nor the
 * timing tells whether an account exists. Account state is only revealed after a correct password.
 */
export async function authorizeCredentials(raw: unknown, request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = clientIp(request.headers);
  if (await isSignInLimited({ email, ip })) throw new SignInRefused("rate_limited");
  const user = await getUserCredentials({ email });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.passwordHash || !ok) {
    await recordSignInFailure({ email, ip });
    return null;
  }
  if (user.status === "pending") throw new SignInRefused("pending_approval");
  if (user.status !== "active") throw new SignInRefused("account_disabled");
  await clearSignInFailures({ email });
  await noteSignIn({ id: user.id });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

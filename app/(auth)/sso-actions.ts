"use server";
import { cookies } from "next/headers";
import { signIn } from "@/lib/auth/config";
import { configuredSsoProviders } from "@/lib/auth/sso/providers";
import { SSO_INVITE_COOKIE } from "@/lib/auth/sso/sign-in";
import { safeNextPath } from "@/lib/sharing/access";

/**
 * Starts an OAuth/OIDC sign-in. A server action (not a form posted to /api/auth/signin) because the
 * CSP's `form-action 'self'` would block a form whose response redirects to the provider; the
 * action's redirect is a client-side navigation.
 */
export async function ssoSignInAction(form: FormData): Promise<void> {
  const provider = String(form.get("provider") ?? "");
  if (!configuredSsoProviders().some((p) => p.id === provider)) return;
  const invite = form.get("inviteToken");
  if (typeof invite === "string" && /^[\w-]{1,200}$/.test(invite)) {
    (await cookies()).set(SSO_INVITE_COOKIE, invite, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 15 * 60 });
  }
  await signIn(provider, { redirectTo: safeNextPath(form.get("next")) ?? "/" });
}

import "server-only";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { env } from "@/lib/env";
import { githubProfile } from "./github";

export type SsoProviderInfo = { id: "github" | "google" | "oidc"; name: string };

/** The providers whose variables are set, in button order. Unset ones do not exist at all. */
export function configuredSsoProviders(): SsoProviderInfo[] {
  const list: SsoProviderInfo[] = [];
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) list.push({ id: "oidc", name: env.AUTH_OIDC_NAME });
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) list.push({ id: "google", name: "Google" });
  return list;
}

// Linking to an existing account by email is decided by Shoal's signIn callback (verified emails
// only, see ./decide.ts), never by Auth.js's allowDangerousEmailAccountLinking.
export function ssoProviders(): Provider[] {
  const providers: Provider[] = [];
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
      // Claims come from the userinfo endpoint: many IdPs put email/email_verified only there.
      idToken: false,
    });
  }
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(
      GitHub({
        clientId: env.AUTH_GITHUB_ID,
        clientSecret: env.AUTH_GITHUB_SECRET,
        checks: ["pkce", "state"],
        userinfo: { url: "https://api.github.com/user", request: githubProfile },
      }),
    );
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(
      Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET, checks: ["pkce", "state"] }),
    );
  }
  return providers;
}

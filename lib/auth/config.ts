import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { getAuthSecret, env } from "@/lib/env";
import { authorizeCredentials } from "./credentials";
import { ssoProviders } from "./sso/providers";
import { ssoSignInCallback } from "./sso/sign-in";

/** A session lasts 30 days from its cookie's last renewal; the cookie is renewed at most once a day (lib/auth/session.ts). */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

// Lazy config: the secret and database are resolved at the first request, not at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  // The adapter stores OAuth accounts once providers are added; credentials sessions are JWTs
  // (Auth.js requires it), and every request re-reads the user so a deleted user is locked out.
  adapter: PrismaAdapter(getDb() as never),
  secret: getAuthSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  // Auth.js errors (e.g. a provider callback that fails its state/PKCE check) land on the sign-in
  // page, which shows them localized, as do Shoal's own SSO refusals (lib/auth/sso/sign-in.ts).
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: authorizeCredentials,
    }),
    ...ssoProviders(),
  ],
  callbacks: {
    signIn: ssoSignInCallback,
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      // The account's session version at sign-in; getCurrentUser() refuses a stale one.
      if (user) token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      (session as { sv?: unknown }).sv = token.sv ?? 0;
      return session;
    },
  },
}));

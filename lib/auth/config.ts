import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { getUserCredentials } from "@/lib/db/queries/users";
import { getAuthSecret, env } from "@/lib/env";
import { dummyPasswordHash, verifyPassword } from "./password";
import { credentialsSchema } from "./schema";
import { ssoProviders } from "./sso/providers";
import { ssoSignInCallback } from "./sso/sign-in";

// Lazy config: the secret and database are resolved at the first request, not at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  // The adapter stores OAuth accounts once providers are added; credentials sessions are JWTs
  // (Auth.js requires it), and every request re-reads the user so a deleted user is locked out.
  adapter: PrismaAdapter(getDb() as never),
  secret: getAuthSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  // Auth.js errors (e.g. a provider callback that fails its state/PKCE check) land on the sign-in
  // page, which shows them localized, as do Shoal's own SSO refusals (lib/auth/sso/sign-in.ts).
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await getUserCredentials({ email: parsed.data.email });
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), parsed.data.password);
        if (!user || !user.passwordHash || !ok || user.status !== "active") return null;
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    ...ssoProviders(),
  ],
  callbacks: {
    signIn: ssoSignInCallback,
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));

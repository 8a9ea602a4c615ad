// A real OpenID Connect provider for tests: panva's `oidc-provider` (the certified implementation
// behind many production IdPs) on 127.0.0.1, with discovery, PKCE, signed ID tokens and userinfo.
// Only the login screen is ours: a tiny form that checks a test account's password. Consent is
// pre-granted (as for a first-party client), so a sign-in is: form → redirect back to the app.
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

export type OidcTestAccount = {
  login: string;
  password: string;
  sub?: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
};

export type OidcTestProvider = {
  issuer: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /** Add or replace an account (keyed by login) while the provider runs. */
  setAccount(account: OidcTestAccount): void;
  close(): Promise<void>;
};

const page = (uid: string, error?: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local IdP sign-in</title></head>
<body>
<h1>Local IdP</h1>
${error ? `<p role="alert">${error}</p>` : ""}
<form method="post" action="/interaction/${uid}/login">
  <label>Username <input name="login" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Continue</button>
</form>
</body></html>`;

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

export async function startOidcProvider(opts: {
  port?: number;
  redirectUris: string[];
  accounts?: OidcTestAccount[];
  clientId?: string;
  clientSecret?: string;
}): Promise<OidcTestProvider> {
  const clientId = opts.clientId ?? "shoal-test";
  const clientSecret = opts.clientSecret ?? "shoal-test-client-secret-0123456789";
  const accounts = new Map<string, OidcTestAccount>();
  for (const a of opts.accounts ?? []) accounts.set(a.login, a);
  const bySub = (sub: string) => [...accounts.values()].find((a) => (a.sub ?? a.login) === sub);

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["oidc-test-cookie-key-0123456789"] },
    jwks: { keys: [{ ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), kid: "test", use: "sig" }] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Auth.js must send a PKCE challenge; refuse any authorization request without one.
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      const account = bySub(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            ...(account.email !== undefined ? { email: account.email } : {}),
            ...(account.email_verified !== undefined ? { email_verified: account.email_verified as boolean } : {}),
            ...(account.name !== undefined ? { name: account.name } : {}),
          };
        },
      };
    },
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (!match) return void callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name !== "login") throw new Error(`unexpected prompt ${details.prompt.name}`);
        if (req.method === "GET" && !match[2]) {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(match[1]));
          return;
        }
        const form = await readForm(req);
        const account = accounts.get(form.get("login") ?? "");
        if (!account || account.password !== form.get("password")) {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(match[1], "Wrong username or password."));
          return;
        }
        await provider.interactionFinished(req, res, { login: { accountId: account.sub ?? account.login } }, { mergeWithLastSubmission: false });
      } catch (e) {
        res.writeHead(400, { "content-type": "text/plain" }).end(`interaction failed: ${(e as Error).message}`);
      }
    })();
  });

  return {
    issuer,
    port,
    clientId,
    clientSecret,
    setAccount: (account) => void accounts.set(account.login, account),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

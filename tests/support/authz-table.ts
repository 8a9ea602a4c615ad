// The authorization matrix: every route handler, page and server action × actor × resource → the
// expected answer. tests/integration/authz-matrix.test.ts runs it and fails when a route file, an
// exported method, a page or a server action exists that this table does not list.
//
// Actors: anonymous (no session), member, otherMember, disabled (a member who was signed in and
// then disabled: the old session cookie is still sent), admin.
// Resources: "own" = the actor's own chat/token/preset; "other" = someone else's (anonymous and
// admin use the member's or the other member's). Share links are addressed by token: each row names
// the share state it calls (team, public, revoked) and runs against both owners.

export const ACTORS = ["anonymous", "member", "otherMember", "disabled", "admin"] as const;
export type Actor = (typeof ACTORS)[number];
export type Resource = "own" | "other";

/** Fresh fixtures for one request: ids of the resource the case is about. */
export type Fixture = {
  chatId: string;
  /** A message of chatId (for branch paging). */
  messageId: string;
  tokenId: string;
  /** A fresh member nobody else uses (targets of admin user actions). */
  victimId: string;
  victimEmail: string;
  inviteId: string;
  newChatId: string;
  /** Share tokens of the owner's chats: shared with the team, public, and one revoked. */
  teamToken: string;
  /** A chat of the owner deleted a moment ago (still within the undo window). */
  deletedChatId: string;
  /** The chat behind teamToken. */
  sharedChatId: string;
  publicToken: string;
  revokedToken: string;
  /** The owner's presets: private, and published to the team. */
  presetId: string;
  publishedPresetId: string;
};

export type Expectation = number | { status: number; contains?: string };
type PerActor = Record<Actor, Expectation>;

export type RouteCase = {
  /** Distinguishes rows of the same route and method (e.g. the share state). */
  label?: string;
  /** The route file (app/…/route.ts), page (app/…/page.tsx) or server action ("action:<name>"). */
  target: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  /** Raw body (not JSON), e.g. an import file. */
  rawBody?: () => string;
  /** A server action called with the form only (a plain <form action>), not (prevState, form). */
  formOnly?: boolean;
  /** Auth by the actor's API token instead of the session cookie (/api/v1). */
  bearer?: boolean;
  /** Per resource when the route addresses a resource by id; else one expectation per actor. */
  expect: PerActor | { own: PerActor; other: PerActor };
};

const u = 401;
const anyone = (status: Expectation): PerActor => ({ anonymous: status, member: status, otherMember: status, disabled: status, admin: status });
/** Signed-in active users get `ok`; no session or a disabled account gets 401. */
const users = (ok: Expectation): PerActor => ({ anonymous: u, member: ok, otherMember: ok, disabled: u, admin: ok });
/** Admins get `ok`; members 403; no session or a disabled account 401. */
const admins = (ok: Expectation): PerActor => ({ anonymous: u, member: 403, otherMember: 403, disabled: u, admin: ok });
/** Own resource `ok`, someone else's 404 (never 403: existence is not revealed). */
const owned = (ok: Expectation) => ({ own: users(ok), other: users(404) });
/** Pages: no session → redirect to sign-in. */
const pageUsers = (ok: Expectation): PerActor => ({ anonymous: 307, member: ok, otherMember: ok, disabled: 307, admin: ok });
const pageAdmins: PerActor = { anonymous: 307, member: 403, otherMember: 403, disabled: 307, admin: 200 };
/** Auth pages: signed-in users are sent to the app. */
const pageGuests: PerActor = { anonymous: 200, member: 307, otherMember: 307, disabled: 200, admin: 307 };

const none = { dailyTokens: null, monthlyTokens: null, dailyUsd: null, monthlyUsd: null };
const chatBody = (id: string) => ({ id, message: { id: `m${id}`, role: "user", parts: [{ type: "text", text: "hi" }] }, model: "deepseek-flash", thinking: false });
const action = (name: string) => `action:${name}`;
const presetBody = { name: "matrix preset", settings: { model: "deepseek-flash", thinking: false, reasoningEffort: null, systemPrompt: "", temperature: null, maxOutputTokens: null } };
/**
 * A share link answers the same whoever owns it, except that a disabled account's links are gone
 * (404) while it is disabled: the "own" link of the disabled actor is such a link.
 */
const sameForBoth = (p: PerActor) => ({ own: { ...p, disabled: 404 }, other: p });
/** Team links: signed-in active users; no session or a disabled account 401. */
const teamLink = (ok: Expectation) => sameForBoth(users(ok));
/** Revoked (or never existing) links: 404 for everyone who may ask at all. */
const revokedLink = (signedIn: boolean) => ({ own: signedIn ? users(404) : anyone(404), other: signedIn ? users(404) : anyone(404) });
const admin403 = (p: PerActor): PerActor => ({ ...p, admin: 403 });
const adminOk = (p: PerActor, ok: Expectation): PerActor => ({ ...p, admin: ok });

export const AUTHZ_TABLE: RouteCase[] = [
  // ---- account and personal data ----
  { target: "app/api/account/route.ts", method: "DELETE", path: () => "/api/account", body: () => ({ email: "nobody@example.com", password: "wrong-password" }), expect: users(403) },
  { target: "app/api/settings/route.ts", method: "GET", path: () => "/api/settings", expect: users(200) },
  { target: "app/api/settings/route.ts", method: "PATCH", path: () => "/api/settings", body: () => ({}), expect: users(200) },
  { target: "app/api/tokens/route.ts", method: "GET", path: () => "/api/tokens", expect: users(200) },
  { target: "app/api/tokens/route.ts", method: "POST", path: () => "/api/tokens", body: () => ({ name: "matrix" }), expect: users(201) },
  { target: "app/api/tokens/[id]/route.ts", method: "DELETE", path: (f) => `/api/tokens/${f.tokenId}`, expect: owned(204) },
  { target: "app/api/export/route.ts", method: "GET", path: () => "/api/export", expect: users(200) },
  { target: "app/api/import/route.ts", method: "POST", path: () => "/api/import", rawBody: () => "not an export", expect: users(400) },
  { target: "app/api/models/route.ts", method: "GET", path: () => "/api/models", expect: users(200) },

  // ---- chats ----
  { target: "app/api/chat/route.ts", method: "POST", path: () => "/api/chat", body: (f) => chatBody(f.newChatId), expect: users(200) },
  { target: "app/api/chat/route.ts", method: "POST", path: () => "/api/chat", body: (f) => ({ ...chatBody(f.chatId), message: { id: `m${f.newChatId}`, role: "user", parts: [{ type: "text", text: "x" }] }, parentId: f.messageId }), expect: { own: users(200), other: users(404) } },
  { target: "app/api/chat/[id]/stop/route.ts", method: "POST", path: (f) => `/api/chat/${f.chatId}/stop`, expect: owned(200) },
  { target: "app/api/chat/[id]/stream/route.ts", method: "GET", path: (f) => `/api/chat/${f.chatId}/stream`, expect: owned(204) },
  { target: "app/api/chats/route.ts", method: "GET", path: () => "/api/chats", expect: users(200) },
  { target: "app/api/chats/search/route.ts", method: "GET", path: () => "/api/chats/search?q=matrix", expect: users(200) },
  { target: "app/api/chats/[id]/route.ts", method: "GET", path: (f) => `/api/chats/${f.chatId}`, expect: owned(200) },
  { target: "app/api/chats/[id]/route.ts", method: "PATCH", path: (f) => `/api/chats/${f.chatId}`, body: () => ({ title: "renamed" }), expect: owned(200) },
  { target: "app/api/chats/[id]/route.ts", method: "DELETE", path: (f) => `/api/chats/${f.chatId}`, expect: owned(204) },
  { target: "app/api/chats/[id]/restore/route.ts", method: "POST", path: (f) => `/api/chats/${f.deletedChatId}/restore`, expect: owned(200) },
  { target: "app/api/chats/[id]/branch/route.ts", method: "POST", path: (f) => `/api/chats/${f.chatId}/branch`, body: (f) => ({ messageId: f.messageId }), expect: owned(200) },
  { target: "app/api/chats/[id]/export/route.ts", method: "GET", path: (f) => `/api/chats/${f.chatId}/export?format=json`, expect: owned(200) },

  // ---- sharing: the owner manages the link; links are read by token ----
  { target: "app/api/chats/[id]/share/route.ts", method: "GET", path: (f) => `/api/chats/${f.chatId}/share`, expect: owned(200) },
  { target: "app/api/chats/[id]/share/route.ts", method: "PUT", path: (f) => `/api/chats/${f.chatId}/share`, body: () => ({ visibility: "team" }), expect: owned(200) },
  { target: "app/api/chats/[id]/share/route.ts", method: "DELETE", path: (f) => `/api/chats/${f.chatId}/share`, expect: owned(204) },
  { target: "app/api/chats/[id]/share/regenerate/route.ts", method: "POST", path: (f) => `/api/chats/${f.sharedChatId}/share/regenerate`, expect: owned(200) },
  { label: "team link", target: "app/api/shares/[token]/route.ts", method: "GET", path: (f) => `/api/shares/${f.teamToken}`, expect: teamLink(200) },
  { label: "public link", target: "app/api/shares/[token]/route.ts", method: "GET", path: (f) => `/api/shares/${f.publicToken}`, expect: sameForBoth(anyone(200)) },
  { label: "revoked link", target: "app/api/shares/[token]/route.ts", method: "GET", path: (f) => `/api/shares/${f.revokedToken}`, expect: revokedLink(false) },
  { label: "team link", target: "app/api/shares/[token]/fork/route.ts", method: "POST", path: (f) => `/api/shares/${f.teamToken}/fork`, expect: { own: users(201), other: users(201) } },
  { label: "public link", target: "app/api/shares/[token]/fork/route.ts", method: "POST", path: (f) => `/api/shares/${f.publicToken}/fork`, expect: { own: users(201), other: users(201) } },
  { label: "revoked link", target: "app/api/shares/[token]/fork/route.ts", method: "POST", path: (f) => `/api/shares/${f.revokedToken}/fork`, expect: revokedLink(true) },
  { label: "team link", target: "app/s/[token]/page.tsx", method: "GET", path: (f) => `/s/${f.teamToken}`, expect: sameForBoth({ anonymous: 307, member: 200, otherMember: 200, disabled: 307, admin: 200 }) },
  { label: "public link", target: "app/s/[token]/page.tsx", method: "GET", path: (f) => `/s/${f.publicToken}`, expect: sameForBoth(anyone(200)) },
  { label: "revoked link", target: "app/s/[token]/page.tsx", method: "GET", path: (f) => `/s/${f.revokedToken}`, expect: sameForBoth(anyone(404)) },

  // ---- presets: someone else's private preset does not exist; a published one is read-only ----
  { target: "app/api/presets/route.ts", method: "GET", path: () => "/api/presets", expect: users(200) },
  { target: "app/api/presets/route.ts", method: "POST", path: () => "/api/presets", body: () => presetBody, expect: users(201) },
  { label: "private", target: "app/api/presets/[id]/route.ts", method: "GET", path: (f) => `/api/presets/${f.presetId}`, expect: owned(200) },
  { label: "published", target: "app/api/presets/[id]/route.ts", method: "GET", path: (f) => `/api/presets/${f.publishedPresetId}`, expect: { own: users(200), other: users(200) } },
  { label: "private", target: "app/api/presets/[id]/route.ts", method: "PATCH", path: (f) => `/api/presets/${f.presetId}`, body: () => ({ name: "renamed" }), expect: owned(200) },
  { label: "published", target: "app/api/presets/[id]/route.ts", method: "PATCH", path: (f) => `/api/presets/${f.publishedPresetId}`, body: () => ({ name: "renamed" }), expect: { own: users(200), other: admin403(users(403)) } },
  { label: "private", target: "app/api/presets/[id]/route.ts", method: "DELETE", path: (f) => `/api/presets/${f.presetId}`, expect: owned(204) },
  { label: "published", target: "app/api/presets/[id]/route.ts", method: "DELETE", path: (f) => `/api/presets/${f.publishedPresetId}`, expect: { own: users(204), other: adminOk(users(403), 204) } },
  { label: "private", target: "app/api/presets/[id]/publish/route.ts", method: "PUT", path: (f) => `/api/presets/${f.presetId}/publish`, body: () => ({ published: true }), expect: owned(200) },
  { label: "published", target: "app/api/presets/[id]/publish/route.ts", method: "PUT", path: (f) => `/api/presets/${f.publishedPresetId}/publish`, body: () => ({ published: false }), expect: { own: users(200), other: adminOk(users(403), 200) } },

  // ---- OpenAI-compatible API: personal tokens, never cookies ----
  { target: "app/api/v1/models/route.ts", method: "GET", path: () => "/api/v1/models", bearer: true, expect: users(200) },
  {
    target: "app/api/v1/chat/completions/route.ts",
    method: "POST",
    path: () => "/api/v1/chat/completions",
    bearer: true,
    body: () => ({ model: "deepseek-chat", messages: [{ role: "user", content: "hi" }], stream: false }),
    expect: users(200),
  },

  // ---- public ----
  { target: "app/api/health/route.ts", method: "GET", path: () => "/api/health", expect: anyone(200) },
  { target: "app/api/ready/route.ts", method: "GET", path: () => "/api/ready", expect: anyone(200) },
  { target: "app/api/auth/[...nextauth]/route.ts", method: "GET", path: () => "/api/auth/csrf", expect: anyone(200) },
  // A POST without Auth.js's CSRF token is refused by Auth.js itself (redirect to the error page).
  { target: "app/api/auth/[...nextauth]/route.ts", method: "POST", path: () => "/api/auth/signout", body: () => ({}), expect: anyone(302) },

  // ---- admin ----
  { target: "app/api/admin/users/route.ts", method: "GET", path: () => "/api/admin/users?q=example", expect: admins(200) },
  { target: "app/api/admin/users/[id]/route.ts", method: "PATCH", path: (f) => `/api/admin/users/${f.victimId}`, body: () => ({ role: "admin" }), expect: admins(200) },
  { target: "app/api/admin/users/[id]/route.ts", method: "DELETE", path: (f) => `/api/admin/users/${f.victimId}`, body: (f) => ({ chats: "delete", confirmEmail: f.victimEmail }), expect: admins(204) },
  { target: "app/api/admin/users/[id]/password-reset/route.ts", method: "POST", path: (f) => `/api/admin/users/${f.victimId}/password-reset`, expect: admins(201) },
  { target: "app/api/admin/invites/route.ts", method: "GET", path: () => "/api/admin/invites", expect: admins(200) },
  { target: "app/api/admin/invites/route.ts", method: "POST", path: () => "/api/admin/invites", body: () => ({}), expect: admins(201) },
  { target: "app/api/admin/invites/[id]/route.ts", method: "DELETE", path: (f) => `/api/admin/invites/${f.inviteId}`, expect: admins(204) },
  { target: "app/api/admin/signup-policy/route.ts", method: "GET", path: () => "/api/admin/signup-policy", expect: admins(200) },
  { target: "app/api/admin/signup-policy/route.ts", method: "PUT", path: () => "/api/admin/signup-policy", body: () => ({}), expect: admins(200) },
  { target: "app/api/admin/audit/route.ts", method: "GET", path: () => "/api/admin/audit", expect: admins(200) },
  { target: "app/api/admin/deepseek/route.ts", method: "GET", path: () => "/api/admin/deepseek", expect: admins(200) },
  { target: "app/api/admin/balance/route.ts", method: "GET", path: () => "/api/admin/balance", expect: admins(200) },
  { target: "app/api/admin/balance/route.ts", method: "POST", path: () => "/api/admin/balance", expect: admins(200) },
  { target: "app/api/admin/budgets/[userId]/route.ts", method: "GET", path: (f) => `/api/admin/budgets/${f.victimId}`, expect: admins(200) },
  { target: "app/api/admin/budgets/[userId]/route.ts", method: "PUT", path: (f) => `/api/admin/budgets/${f.victimId}`, body: () => none, expect: admins(200) },
  { target: "app/api/admin/prices/route.ts", method: "GET", path: () => "/api/admin/prices", expect: admins(200) },
  {
    target: "app/api/admin/prices/route.ts",
    method: "POST",
    path: () => "/api/admin/prices",
    body: () => ({ model: "deepseek-flash", currency: "USD", peak: true, cacheHit: 0.07, cacheMiss: 0.27, output: 1.1, validFrom: "2020-01-01T00:00:00Z" }),
    expect: admins(201),
  },
  { target: "app/api/admin/tokens/route.ts", method: "GET", path: () => "/api/admin/tokens", expect: admins(200) },
  { target: "app/api/admin/tokens/[id]/route.ts", method: "DELETE", path: (f) => `/api/admin/tokens/${f.tokenId}`, expect: { own: admins(204), other: admins(204) } },
  { target: "app/api/admin/usage-settings/route.ts", method: "GET", path: () => "/api/admin/usage-settings", expect: admins(200) },
  { target: "app/api/admin/usage-settings/route.ts", method: "PUT", path: () => "/api/admin/usage-settings", body: () => ({}), expect: admins(200) },
  { target: "app/api/admin/sharing/route.ts", method: "GET", path: () => "/api/admin/sharing", expect: admins(200) },
  { target: "app/api/admin/sharing/route.ts", method: "PUT", path: () => "/api/admin/sharing", body: () => ({ publicEnabled: true }), expect: admins(200) },
  { target: "app/api/admin/usage/export/route.ts", method: "GET", path: () => "/api/admin/usage/export", expect: admins(200) },

  // ---- pages ----
  { target: "app/(chat)/page.tsx", method: "GET", path: () => "/", expect: pageUsers(200) },
  { target: "app/(chat)/chat/[id]/page.tsx", method: "GET", path: (f) => `/chat/${f.chatId}`, expect: { own: pageUsers(200), other: pageUsers(404) } },
  { target: "app/(chat)/usage/page.tsx", method: "GET", path: () => "/usage", expect: pageUsers(200) },
  { target: "app/(chat)/settings/tokens/page.tsx", method: "GET", path: () => "/settings/tokens", expect: pageUsers(200) },
  { target: "app/(chat)/settings/data/page.tsx", method: "GET", path: () => "/settings/data", expect: pageUsers(200) },
  { target: "app/(chat)/settings/presets/page.tsx", method: "GET", path: () => "/settings/presets", expect: pageUsers(200) },
  { target: "app/settings/page.tsx", method: "GET", path: () => "/settings", expect: pageUsers(200) },
  { target: "app/(chat)/admin/page.tsx", method: "GET", path: () => "/admin", expect: pageAdmins },
  { target: "app/(chat)/admin/usage/page.tsx", method: "GET", path: () => "/admin/usage", expect: pageAdmins },
  { target: "app/(auth)/sign-in/page.tsx", method: "GET", path: () => "/sign-in", expect: pageGuests },
  { target: "app/(auth)/sign-up/page.tsx", method: "GET", path: () => "/sign-up", expect: pageGuests },
  { target: "app/reset-password/[token]/page.tsx", method: "GET", path: () => "/reset-password/not-a-valid-token-0123456789", expect: anyone({ status: 200, contains: "reset-invalid" }) },

  // ---- server actions (POSTed the way the browser posts them) ----
  { target: action("signInAction"), method: "POST", path: () => "/sign-in", body: () => ({ email: "nobody@example.com", password: "wrong-password" }), expect: anyone({ status: 200, contains: "invalid_credentials" }) },
  { target: action("signUpAction"), method: "POST", path: () => "/sign-up", body: () => ({ email: "not-an-email", password: "x" }), expect: anyone({ status: 200, contains: "invalid_input" }) },
  // No provider is configured in this app: the action refuses to start a flow and changes nothing.
  { target: action("ssoSignInAction"), method: "POST", path: () => "/sign-in", formOnly: true, body: () => ({ provider: "github" }), expect: anyone(200) },
  { target: action("signOutAction"), method: "POST", path: () => "/", formOnly: true, body: () => ({}), expect: anyone({ status: 200, contains: "/sign-in;" }) },
  {
    target: action("changePasswordAction"),
    method: "POST",
    path: () => "/settings",
    body: () => ({ currentPassword: "definitely-wrong", newPassword: "new-password-123" }),
    expect: { anonymous: { status: 200, contains: "unauthorized" }, member: { status: 200, contains: "wrong_password" }, otherMember: { status: 200, contains: "wrong_password" }, disabled: { status: 200, contains: "unauthorized" }, admin: { status: 200, contains: "wrong_password" } },
  },
  { target: action("resetPasswordAction"), method: "POST", path: () => "/reset-password/x", body: () => ({ token: "not-a-valid-token-0123456789", password: "new-password-123" }), expect: anyone({ status: 200, contains: "invalid_link" }) },
];

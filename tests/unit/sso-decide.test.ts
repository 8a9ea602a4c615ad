import { describe, expect, it } from "vitest";
import { decideSsoSignIn, normalizeSsoEmail, signUpDecision, ssoErrorPath, ssoIdentity } from "@/lib/auth/sso/decide";

const active = { id: "u1", status: "active" };
const verified = { email: "alice@example.com", emailVerified: true };
const unverified = { email: "alice@example.com", emailVerified: false };

describe("ssoIdentity: which email an identity proves", () => {
  const strict = { trustOidcEmail: false };

  it("normalizes the email like normalizeEmail (trim + lower case)", () => {
    expect(ssoIdentity("oidc", { email: "  Alice@Example.COM ", email_verified: true }, strict)).toEqual(verified);
    expect(normalizeSsoEmail("not-an-email")).toBeNull();
    expect(normalizeSsoEmail(42)).toBeNull();
  });

  it("believes only an explicit email_verified (true or the string 'true')", () => {
    expect(ssoIdentity("oidc", { email: "alice@example.com", email_verified: "true" }, strict).emailVerified).toBe(true);
    expect(ssoIdentity("oidc", { email: "alice@example.com", email_verified: false }, strict).emailVerified).toBe(false);
    expect(ssoIdentity("oidc", { email: "alice@example.com", email_verified: "false" }, strict).emailVerified).toBe(false);
    expect(ssoIdentity("oidc", { email: "alice@example.com" }, strict).emailVerified).toBe(false);
    expect(ssoIdentity("google", { email: "alice@example.com", email_verified: true }, strict).emailVerified).toBe(true);
    // GitHub's profile carries the primary address's `verified` flag as email_verified (github.ts).
    expect(ssoIdentity("github", { email: "alice@example.com", email_verified: false }, strict).emailVerified).toBe(false);
  });

  it("AUTH_OIDC_TRUST_EMAIL trusts the generic OIDC provider only, never GitHub or Google", () => {
    const trust = { trustOidcEmail: true };
    expect(ssoIdentity("oidc", { email: "alice@example.com" }, trust).emailVerified).toBe(true);
    expect(ssoIdentity("github", { email: "alice@example.com" }, trust).emailVerified).toBe(false);
    expect(ssoIdentity("google", { email: "alice@example.com", email_verified: false }, trust).emailVerified).toBe(false);
  });

  it("has no email when the provider sent none", () => {
    expect(ssoIdentity("oidc", { sub: "x", email_verified: true }, strict)).toEqual({ email: null, emailVerified: false });
    expect(ssoIdentity("oidc", undefined, strict)).toEqual({ email: null, emailVerified: false });
  });
});

describe("decideSsoSignIn", () => {
  it("signs an already linked identity in, whatever its email says now", () => {
    expect(decideSsoSignIn({ linkedUser: active, emailUser: null, identity: unverified })).toEqual({ kind: "sign-in", userId: "u1" });
    expect(decideSsoSignIn({ linkedUser: active, emailUser: null, identity: { email: null, emailVerified: false } })).toEqual({
      kind: "sign-in",
      userId: "u1",
    });
  });

  it("refuses a linked identity whose user is disabled or pending", () => {
    expect(decideSsoSignIn({ linkedUser: { id: "u1", status: "disabled" }, emailUser: null, identity: verified })).toEqual({
      kind: "refuse",
      code: "disabled",
    });
    expect(decideSsoSignIn({ linkedUser: { id: "u1", status: "pending" }, emailUser: null, identity: verified })).toEqual({
      kind: "refuse",
      code: "pending",
    });
  });

  it("links a verified email to the existing user instead of creating a duplicate", () => {
    expect(decideSsoSignIn({ linkedUser: null, emailUser: active, identity: verified })).toEqual({ kind: "link", userId: "u1" });
  });

  it("never links an unverified email to an existing account", () => {
    expect(decideSsoSignIn({ linkedUser: null, emailUser: active, identity: unverified })).toEqual({ kind: "refuse", code: "unverified_email" });
  });

  it("does not create an account from an unverified or missing email either", () => {
    expect(decideSsoSignIn({ linkedUser: null, emailUser: null, identity: unverified })).toEqual({ kind: "refuse", code: "unverified_email" });
    expect(decideSsoSignIn({ linkedUser: null, emailUser: null, identity: { email: null, emailVerified: false } })).toEqual({
      kind: "refuse",
      code: "no_email",
    });
  });

  it("refuses to link to a disabled user even with a verified email", () => {
    expect(decideSsoSignIn({ linkedUser: null, emailUser: { id: "u2", status: "disabled" }, identity: verified })).toEqual({
      kind: "refuse",
      code: "disabled",
    });
  });

  it("creates a new user for a verified, unknown email", () => {
    expect(decideSsoSignIn({ linkedUser: null, emailUser: null, identity: verified })).toEqual({ kind: "create", email: "alice@example.com" });
  });
});

describe("signUpDecision and the error path", () => {
  it("follows the sign-up policy: refused, active or pending", () => {
    expect(signUpDecision({ ok: false, code: "invite_required" })).toEqual({ kind: "refuse", code: "signup", policyCode: "invite_required" });
    expect(signUpDecision({ ok: true, status: "active" })).toEqual({ kind: "create", status: "active" });
    expect(signUpDecision({ ok: true, status: "pending", invite: { id: "i1" } })).toEqual({ kind: "create", status: "pending" });
  });

  it("sends refusals to the sign-in page with the code", () => {
    expect(ssoErrorPath("unverified_email")).toBe("/sign-in?error=unverified_email");
    expect(ssoErrorPath("signup", "closed")).toBe("/sign-in?error=signup&code=closed");
  });
});

import { describe, expect, it } from "vitest";
import { inviteCreateSchema, userDeleteSchema, userPatchSchema } from "@/lib/admin/schemas";
import { clientIp } from "@/lib/auth/sign-in-limits";
import { emailDomainAllowed, signupPolicySchema } from "@/lib/auth/signup-policy";
import { parseEnv } from "@/lib/env";

describe("sign-up policy", () => {
  it("reads the initial policy from the environment", () => {
    const env = parseEnv({ SIGNUP_POLICY: "invite", SIGNUP_EMAIL_DOMAINS: " Example.com, @corp.cn ,", SIGNUP_REQUIRE_APPROVAL: "true" });
    expect([env.SIGNUP_POLICY, env.SIGNUP_EMAIL_DOMAINS, env.SIGNUP_REQUIRE_APPROVAL]).toEqual(["invite", ["example.com", "corp.cn"], true]);
    const defaults = parseEnv({});
    expect([defaults.SIGNUP_POLICY, defaults.SIGNUP_EMAIL_DOMAINS, defaults.SIGNUP_REQUIRE_APPROVAL]).toEqual(["open", [], false]);
    expect(() => parseEnv({ SIGNUP_POLICY: "sometimes" })).toThrow(/SIGNUP_POLICY/);
    expect(() => parseEnv({ SMTP_URL: "http://mail" })).toThrow(/SMTP_URL/);
  });

  it("matches the email's domain exactly (no suffix tricks)", () => {
    expect(emailDomainAllowed("a@Example.com", ["example.com"])).toBe(true);
    expect(emailDomainAllowed("a@evil-example.com", ["example.com"])).toBe(false);
    expect(emailDomainAllowed("a@sub.example.com", ["example.com"])).toBe(false);
    expect(emailDomainAllowed("a@example.com.evil.org", ["example.com"])).toBe(false);
    expect(emailDomainAllowed("anyone@anywhere.org", [])).toBe(true);
  });

  it("normalizes and validates the domains admins type", () => {
    expect(signupPolicySchema.parse({ mode: "open", emailDomains: ["@Example.COM "], requireApproval: false }).emailDomains).toEqual(["example.com"]);
    expect(signupPolicySchema.safeParse({ mode: "open", emailDomains: ["not a domain"], requireApproval: false }).success).toBe(false);
    expect(signupPolicySchema.safeParse({ mode: "maybe", emailDomains: [], requireApproval: false }).success).toBe(false);
  });
});

describe("admin request schemas", () => {
  it("accepts one change at a time and refuses unknown fields", () => {
    expect(userPatchSchema.safeParse({ role: "admin" }).success).toBe(true);
    expect(userPatchSchema.safeParse({ status: "disabled" }).success).toBe(true);
    expect(userPatchSchema.safeParse({ status: "pending" }).success).toBe(false);
    expect(userPatchSchema.safeParse({ role: "owner" }).success).toBe(false);
    expect(userPatchSchema.safeParse({ role: "admin", status: "active" }).success).toBe(false);
  });

  it("requires a transfer target and the typed email to delete", () => {
    expect(userDeleteSchema.safeParse({ chats: "transfer", confirmEmail: "a@b.c" }).success).toBe(false);
    expect(userDeleteSchema.safeParse({ chats: "delete" }).success).toBe(false);
    expect(userDeleteSchema.safeParse({ chats: "delete", confirmEmail: "a@b.c" }).success).toBe(true);
  });

  it("defaults invitations to members for 7 days", () => {
    expect(inviteCreateSchema.parse({})).toEqual({ role: "member", expiresInDays: 7 });
    expect(inviteCreateSchema.safeParse({ expiresInDays: 365 }).success).toBe(false);
  });
});

describe("client IP for sign-in limits", () => {
  it("takes the address the nearest proxy appended, not what the client claimed first", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-real-ip": "198.51.100.1" }))).toBe("198.51.100.1");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});

import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("SSO variables", () => {
  it("are all off by default", () => {
    const env = parseEnv({});
    expect(env.AUTH_OIDC_ISSUER).toBeUndefined();
    expect(env.AUTH_GITHUB_ID).toBeUndefined();
    expect(env.AUTH_OIDC_NAME).toBe("SSO");
    expect(env.AUTH_OIDC_TRUST_EMAIL).toBe(false);
  });

  it("refuse a half-configured provider, naming the missing variable", () => {
    expect(() => parseEnv({ AUTH_GITHUB_ID: "x" })).toThrow(/AUTH_GITHUB_SECRET is required to enable GitHub/);
    expect(() => parseEnv({ AUTH_GOOGLE_SECRET: "x" })).toThrow(/AUTH_GOOGLE_ID/);
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: "https://sso.example.com", AUTH_OIDC_ID: "shoal" })).toThrow(/AUTH_OIDC_SECRET/);
  });

  it("require AUTH_URL, because the callback URL registered at the provider must be fixed", () => {
    expect(() => parseEnv({ AUTH_GITHUB_ID: "x", AUTH_GITHUB_SECRET: "y" })).toThrow(/AUTH_URL is required for GitHub sign-in/);
    expect(parseEnv({ AUTH_GITHUB_ID: "x", AUTH_GITHUB_SECRET: "y", AUTH_URL: "https://shoal.example.com" }).AUTH_GITHUB_ID).toBe("x");
  });

  it("check the issuer URL and the trust switch", () => {
    expect(() => parseEnv({ AUTH_OIDC_ISSUER: "sso.example.com", AUTH_OIDC_ID: "a", AUTH_OIDC_SECRET: "b" })).toThrow(/AUTH_OIDC_ISSUER/);
    expect(() => parseEnv({ AUTH_OIDC_TRUST_EMAIL: "yes" })).toThrow(/AUTH_OIDC_TRUST_EMAIL/);
    const env = parseEnv({
      AUTH_URL: "https://shoal.example.com",
      AUTH_OIDC_ISSUER: "https://login.example.com/realms/team",
      AUTH_OIDC_ID: "shoal",
      AUTH_OIDC_SECRET: "s3cret",
      AUTH_OIDC_NAME: "Keycloak",
      AUTH_OIDC_TRUST_EMAIL: "true",
    });
    expect(env.AUTH_OIDC_ISSUER).toBe("https://login.example.com/realms/team");
    expect(env.AUTH_OIDC_NAME).toBe("Keycloak");
    expect(env.AUTH_OIDC_TRUST_EMAIL).toBe(true);
  });
});

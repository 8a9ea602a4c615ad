import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { parseEnv } from "@/lib/env";
import { redact } from "@/lib/log";
import { contentSecurityPolicy } from "@/lib/security/headers";
import { isRequestId } from "@/lib/security/request-id";

describe("log redaction", () => {
  const secrets = ["sk-live-secret-key-123456", "auth-secret-value-abcdef"];

  it("drops secret-named fields at any depth and scrubs secret values from strings and errors", () => {
    const out = redact(
      {
        headers: { authorization: "Bearer sk-live-secret-key-123456", cookie: "authjs.session-token=abc", accept: "*/*" },
        nested: { apiKey: "x", password: "p", AUTH_SECRET: "s" },
        message: "upstream said: key sk-live-secret-key-123456 is invalid",
        error: new Error("signing with auth-secret-value-abcdef failed"),
        other: "Authorization: Bearer abc.def-ghi",
      },
      secrets,
    );
    const text = JSON.stringify(out);
    for (const s of [...secrets, "session-token=abc", "abc.def-ghi"]) expect(text).not.toContain(s);
    expect(out).toMatchObject({ headers: { authorization: "[redacted]", cookie: "[redacted]", accept: "*/*" } });
    expect(text).toContain("signing with [redacted] failed");
  });

  it("scrubs DeepSeek-style keys that are not ours", () => {
    expect(redact("Your api key: sk-abcdefgh12345678 is invalid", [])).toBe("Your api key: [redacted] is invalid");
  });
});

describe("database unavailable classification", () => {
  it.each([
    ["refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["prisma P1001", { name: "PrismaClientKnownRequestError", code: "P1001", message: "Can't reach database server" }],
    ["adapter kind", { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable" } }],
    ["admin shutdown", { code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01" } } } }],
    ["not accepting", new Error('database "x" is not currently accepting connections')],
    ["terminated", new Error("Connection terminated unexpectedly")],
  ])("recognises %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["unique violation", { code: "P2002" }],
    ["bug", new TypeError("x is not a function")],
    ["null", null],
  ])("does not hide %s", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("env for deployment", () => {
  it("refuses SQLite on serverless hosts, naming the variable", () => {
    expect(() => parseEnv({ VERCEL: "1", AUTH_SECRET: "0123456789abcdef0123" })).toThrow(/DATABASE_URL: SQLite cannot be used on a serverless host \(VERCEL/);
    expect(() => parseEnv({ AWS_LAMBDA_FUNCTION_NAME: "f", DATABASE_URL: "file:./x.db", AUTH_SECRET: "0123456789abcdef0123" })).toThrow(/DATABASE_URL/);
  });

  it("requires AUTH_SECRET on serverless hosts", () => {
    expect(() => parseEnv({ VERCEL: "1", DATABASE_URL: "postgresql://u@h/db" })).toThrow(/AUTH_SECRET: AUTH_SECRET is required/);
    expect(parseEnv({ VERCEL: "1", DATABASE_URL: "postgresql://u@h/db", AUTH_SECRET: "0123456789abcdef0123" }).VERCEL).toBe("1");
  });

  it("validates the upstream timing settings by name", () => {
    expect(parseEnv({}).DEEPSEEK_IDLE_TIMEOUT_SECONDS).toBe(120);
    expect(parseEnv({}).DEEPSEEK_MAX_RETRIES).toBe(3);
    expect(() => parseEnv({ DEEPSEEK_IDLE_TIMEOUT_SECONDS: "0" })).toThrow(/DEEPSEEK_IDLE_TIMEOUT_SECONDS/);
    expect(() => parseEnv({ DEEPSEEK_MAX_RETRIES: "many" })).toThrow(/DEEPSEEK_MAX_RETRIES/);
    expect(() => parseEnv({ AUTH_URL: "shoal.example.com" })).toThrow(/AUTH_URL/);
    expect(() => parseEnv({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });
});

describe("content security policy", () => {
  it("allows scripts only by nonce and images only from this origin", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("accepts only log-safe request ids", () => {
    expect(isRequestId("0f8c2c52-4a5b-4a1f-9f43-1c1b6c1b2a3d")).toBe(true);
    expect(isRequestId("abc\nforged log line")).toBe(false);
    expect(isRequestId("short")).toBe(false);
  });
});

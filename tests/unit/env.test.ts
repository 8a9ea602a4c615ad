import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("env validation", () => {
  it("applies defaults for a zero-config start", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./data/shoal.db");
    expect(env.DEEPSEEK_BASE_URL).toBe("https://api.deepseek.com");
    expect(env.DEEPSEEK_API_KEY).toBeUndefined();
    expect(env.DEFAULT_MODEL).toBe("deepseek-flash");
  });

  it("treats empty strings as unset (as .env files write them)", () => {
    expect(parseEnv({ DEEPSEEK_API_KEY: "", DATABASE_URL: "" }).DEEPSEEK_API_KEY).toBeUndefined();
  });

  it("strips a trailing slash from the base URL", () => {
    expect(parseEnv({ DEEPSEEK_BASE_URL: "http://127.0.0.1:4010/" }).DEEPSEEK_BASE_URL).toBe("http://127.0.0.1:4010");
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ DEEPSEEK_BASE_URL: "ftp://x" })).toThrow(/DEEPSEEK_BASE_URL/);
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET/);
  });

  it("accepts PostgreSQL URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://u@127.0.0.1/db" }).DATABASE_URL).toMatch(/^postgresql/);
  });
});

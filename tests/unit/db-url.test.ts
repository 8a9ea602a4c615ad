import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasSeveralStatements, schemaForProvider } from "@/lib/db/engine";
import { migrationTimestamp } from "@/lib/db/migrate";
import { DEFAULT_DATABASE_URL, libsqlUrl, providerFromUrl, sqliteFilePath } from "@/lib/db/url";
import { derivedSchema } from "@/scripts/db-generate";

describe("providerFromUrl", () => {
  it.each([
    ["file:./data/shoal.db", "sqlite"],
    ["file:/var/lib/shoal/shoal.db", "sqlite"],
    ["file:///var/lib/shoal/shoal.db", "sqlite"],
    [DEFAULT_DATABASE_URL, "sqlite"],
    ["postgresql://postgres@127.0.0.1:5432/shoal", "postgresql"],
    ["postgres://user:pw@db.internal/shoal?sslmode=require", "postgresql"],
  ])("%s → %s", (url, provider) => {
    expect(providerFromUrl(url)).toBe(provider);
  });

  it.each(["mysql://root@localhost/shoal", "sqlite:./x.db", "./data/shoal.db", "", "libsql://x.turso.io"])(
    "rejects %j without echoing credentials",
    (url) => {
      expect(() => providerFromUrl(url)).toThrow(/DATABASE_URL must start with file:/);
    },
  );

  it("does not leak a password in its error", () => {
    expect(() => providerFromUrl("mysql://root:hunter2@db/x")).toThrow(expect.objectContaining({ message: expect.not.stringContaining("hunter2") }));
  });
});

describe("sqliteFilePath / libsqlUrl", () => {
  it("resolves relative paths against the working directory and ignores query params", () => {
    expect(sqliteFilePath("file:./data/shoal.db", "/srv/app")).toBe("/srv/app/data/shoal.db");
    expect(sqliteFilePath("file:data/shoal.db?connection_limit=1", "/srv/app")).toBe("/srv/app/data/shoal.db");
    expect(sqliteFilePath("file:/abs/x.db", "/srv/app")).toBe("/abs/x.db");
    expect(sqliteFilePath("file:///abs/x.db", "/srv/app")).toBe("/abs/x.db");
    expect(sqliteFilePath("file:./data/shoal.db")).toBe(path.resolve("data/shoal.db"));
  });

  it("percent-encodes what libsql would otherwise read as a query or fragment", () => {
    expect(libsqlUrl("/tmp/my dir/a#b?.db")).toBe("file:/tmp/my%20dir/a%23b%3F.db");
  });
});

describe("schema derivation", () => {
  const schema = `generator client {\n  provider = "prisma-client"\n  output   = "../generated/prisma/sqlite"\n}\n\ndatasource db {\n  provider = "sqlite"\n}\n\nmodel A {\n  id String @id\n  provider String @default("sqlite")\n}\n`;

  it("swaps only the datasource provider", () => {
    const pg = schemaForProvider(schema, "postgresql");
    expect(pg).toContain('datasource db {\n  provider = "postgresql"\n}');
    expect(pg).toContain('provider = "prisma-client"');
    expect(pg).toContain('@default("sqlite")');
  });

  it("pins the generator output and module options for each client", () => {
    const pg = derivedSchema(schema, "postgresql");
    expect(pg).toContain('output = "./prisma/postgresql"');
    expect(pg).toContain('importFileExtension = "ts"');
    expect(pg).toContain('moduleFormat = "esm"');
    expect(pg).not.toContain("../generated/prisma/sqlite");
    expect(derivedSchema(schema, "sqlite")).toContain('provider = "sqlite"');
  });
});

describe("migration helpers", () => {
  it("names migrations with Prisma's UTC timestamp prefix", () => {
    expect(migrationTimestamp(new Date("2025-03-04T05:06:07.890Z"))).toBe("20250304050607");
  });

  it.each([
    ["SELECT 1", false],
    ["SELECT 1;\n-- done\n", false],
    ["INSERT INTO t VALUES ('a;b'); ", false],
    ['CREATE TABLE "x;y" (a);', false],
    ["/* ; */ SELECT 1; /* tail */", false],
    ["CREATE TABLE a (x);\nCREATE TABLE b (x);", true],
    ["-- CreateTable\nCREATE TABLE a (x);\n\n-- CreateIndex\nCREATE INDEX i ON a(x);\n", true],
  ])("hasSeveralStatements(%j) = %s", (sql, expected) => {
    expect(hasSeveralStatements(sql)).toBe(expected);
  });
});

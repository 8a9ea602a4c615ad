import { describe, expect, it } from "vitest";
import { insertRows, updateRows } from "@/lib/db/sql-rows";

describe("sql-rows: statements in the form Prisma's driver adapters take", () => {
  const at = new Date("2026-12-06T10:00:00.123Z");

  it("inserts several rows in one statement, binding each value with its type", () => {
    const q = insertRows(
      "Message",
      [
        { id: "m1", parts: [{ type: "text", text: "hi" }], model: null, thinking: false, tokens: 3, createdAt: at },
        { id: "m2", parts: [], model: "deepseek-flash", thinking: true, tokens: 0.5, createdAt: at },
      ],
      { json: ["parts"] },
    );
    expect(q.sql).toBe('INSERT INTO "Message" ("id", "parts", "model", "thinking", "tokens", "createdAt") VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)');
    expect(q.args).toEqual(["m1", '[{"type":"text","text":"hi"}]', null, false, 3, at, "m2", "[]", "deepseek-flash", true, 0.5, at]);
    expect(q.argTypes.map((t) => t.scalarType)).toEqual(["string", "json", "unknown", "boolean", "int", "datetime", "string", "json", "string", "boolean", "float", "datetime"]);
    expect(q.argTypes.every((t) => t.arity === "scalar")).toBe(true);
  });

  it("writes NULL for a JSON column left undefined or null, not the text null", () => {
    const q = insertRows("Chat", [{ id: "c", settings: undefined }, { id: "d", settings: null }], { json: ["settings"] });
    expect(q.args).toEqual(["c", null, "d", null]);
  });

  it("updates the given columns where every condition holds", () => {
    const q = updateRows("Chat", { model: "deepseek-pro", updatedAt: at, settings: { a: 1 } }, { id: "c1", userId: "u1" }, { json: ["settings"] });
    expect(q.sql).toBe('UPDATE "Chat" SET "model" = ?, "updatedAt" = ?, "settings" = ? WHERE "id" = ? AND "userId" = ?');
    expect(q.args).toEqual(["deepseek-pro", at, '{"a":1}', "c1", "u1"]);
  });

  it("leaves a column given as undefined out of an UPDATE (as Prisma does), but sets one given as null", () => {
    const q = updateRows("Chat", { model: undefined, reasoningEffort: null, updatedAt: at }, { id: "c1" });
    expect(q.sql).toBe('UPDATE "Chat" SET "reasoningEffort" = ?, "updatedAt" = ? WHERE "id" = ?');
    expect(q.args).toEqual([null, at, "c1"]);
    expect(() => updateRows("Chat", { model: undefined }, { id: "c1" })).toThrow(/columns and a condition/);
  });

  it("refuses what would be a bug: names that are not plain identifiers, mixed rows, objects outside JSON columns, conditions on NULL", () => {
    expect(() => insertRows('Chat"; DROP TABLE "User', [{ id: "x" }])).toThrow(/identifier/);
    expect(() => insertRows("Chat", [{ "id) --": "x" }])).toThrow(/identifier/);
    expect(() => insertRows("Chat", [{ id: "a", title: "t" }, { id: "b" }])).toThrow(/different columns/);
    expect(() => insertRows("Chat", [{ id: "a", title: "t" }, { id: "b", model: "m" }])).toThrow(/different columns/);
    expect(() => insertRows("Chat", [])).toThrow(/nothing to insert/);
    expect(() => insertRows("Chat", [{ id: "a", settings: { x: 1 } }])).toThrow(/object value needs a JSON column/);
    expect(() => insertRows("Chat", [{ id: "a", n: 1n as unknown as number }])).toThrow(/bigint value/);
    expect(() => updateRows("Chat", { title: "t" }, { id: null })).toThrow(/NULL/);
    expect(() => updateRows("Chat", {}, { id: "c" })).toThrow(/columns and a condition/);
  });
});

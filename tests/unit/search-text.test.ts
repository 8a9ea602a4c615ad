import { expect, test } from "vitest";
import { likePattern, partsText, snippetAround } from "@/lib/db/queries/search";

test("LIKE wildcards in the query are literal", () => {
  expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  expect(likePattern("向量数据库")).toBe("%向量数据库%");
});

test("only text parts are searchable, never reasoning or JSON keys", () => {
  const parts = [
    { type: "reasoning", text: "secret chain of thought" },
    { type: "text", text: "向量数据库的索引" },
  ];
  expect(partsText(parts)).toBe("向量数据库的索引");
  expect(partsText(JSON.stringify(parts))).toBe("向量数据库的索引");
  expect(snippetAround(partsText(parts), "chain")).toBeNull();
  expect(snippetAround(partsText(parts), "type")).toBeNull();
});

test("snippets center the match, case-insensitively, with ellipses", () => {
  const text = `${"a ".repeat(100)}Needle in the haystack${" b".repeat(100)}`;
  const s = snippetAround(text, "needle", 40)!;
  expect(s).toContain("Needle");
  expect(s.startsWith("…")).toBe(true);
  expect(s.endsWith("…")).toBe(true);
  expect(snippetAround("用向量数据库做检索", "数据库")).toBe("用向量数据库做检索");
});

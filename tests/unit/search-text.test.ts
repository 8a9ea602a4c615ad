import { expect, test } from "vitest";
import { partsText } from "@/lib/chat/search-text";
import { likePattern, RECENT_CHATS, secondPass, snippetAround, TRIGRAM_CANDIDATES, trigramTerm } from "@/lib/db/queries/search";

test("LIKE wildcards in the query are literal", () => {
  expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  expect(likePattern("向量数据库")).toBe("%向量数据库%");
});

test("only text parts are searchable, never reasoning or JSON keys", () => {
  const parts = [
    { type: "reasoning", text: "secret chain of thought", state: "done" },
    { type: "text", text: "向量数据库的索引", state: "done" },
  ];
  expect(partsText(parts)).toBe("向量数据库的索引");
  expect(snippetAround(partsText(parts), "chain")).toBeNull();
  expect(snippetAround(partsText(parts), "type")).toBeNull();
  expect(snippetAround(partsText(parts), "done")).toBeNull();
});

test("text parts join with a newline, in order; anything that is not a text part adds nothing", () => {
  const parts = [
    { type: "step-start" },
    { type: "text", text: "first" },
    { type: "file", mediaType: "text/plain", url: "data:,x", filename: "notes.txt" },
    { type: "text", text: "" },
    { type: "text", text: 42 },
    null,
    "text",
    { type: "text", text: "第二" },
  ];
  expect(partsText(parts)).toBe("first\n\n第二");
  // A search for a phrase never spans two parts.
  expect(snippetAround(partsText(parts), "first第二")).toBeNull();
  for (const none of [[], {}, "text", null, undefined, 7]) expect(partsText(none)).toBe("");
});

test("snippets center the match, case-insensitively, with ellipses", () => {
  const text = `${"a ".repeat(100)}Needle in the haystack${" b".repeat(100)}`;
  const s = snippetAround(text, "needle", 40)!;
  expect(s).toContain("Needle");
  expect(s.startsWith("…")).toBe(true);
  expect(s.endsWith("…")).toBe(true);
  expect(snippetAround("用向量数据库做检索", "数据库")).toBe("用向量数据库做检索");
});

test("the trigram index is used only for a term it can look up", () => {
  for (const q of ["persimmon", "柿子树", "abc", "x123y", "deepseek-v4"]) expect(trigramTerm(q), q).toBe(true);
  // pg_trgm looks up words of three or more characters: these give it nothing to find.
  for (const q of ["ab", "柿子", "c++", "1.5", "a b c", "😀😀😀", "-- --"]) expect(trigramTerm(q), q).toBe(false);
});

test("the second pass: none when the recent chats were all of them; the index only for a term it finds in few messages", () => {
  const base = { userChats: RECENT_CHATS + 1, trigramIndex: true, q: "persimmon", candidates: null };
  expect(secondPass({ ...base, userChats: RECENT_CHATS })).toBe("none");
  expect(secondPass({ ...base, userChats: 3 })).toBe("none");
  expect(secondPass(base)).toBe("probe");
  expect(secondPass({ ...base, candidates: 0 })).toBe("trigram");
  expect(secondPass({ ...base, candidates: TRIGRAM_CANDIDATES })).toBe("trigram");
  // Common across the team (the index would hand back more than the walk reads), or no trigram in
  // this database's locale: the walk through the user's own chats.
  expect(secondPass({ ...base, candidates: TRIGRAM_CANDIDATES + 1 })).toBe("walk");
  expect(secondPass({ ...base, candidates: -1 })).toBe("walk");
  expect(secondPass({ ...base, q: "柿子" })).toBe("walk");
  // No index (SQLite, or a PostgreSQL role that could not create pg_trgm).
  expect(secondPass({ ...base, trigramIndex: false })).toBe("walk");
});

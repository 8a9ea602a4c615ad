import { describe, expect, test } from "vitest";
import type { ChatUIMessage } from "@/lib/chat/types";
import { isShareToken, newShareToken, redactSharePath, safeNextPath, shareAccess, sharerLabel } from "@/lib/sharing/access";
import { forkThread, sharedExtra } from "@/lib/sharing/fork";
import { parsePresetSettings, presetCreateSchema, presetDecision } from "@/lib/presets/rules";

describe("share tokens", () => {
  test("128 random bits as 22 base64url characters, never repeated", () => {
    const tokens = new Set(Array.from({ length: 2000 }, newShareToken));
    expect(tokens.size).toBe(2000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(16);
      expect(isShareToken(token)).toBe(true);
    }
  });

  test("anything else is not a token (no lookup happens)", () => {
    for (const bad of ["", "abc", "a".repeat(23), "a".repeat(21) + "/", "a".repeat(21) + "=", "../../etc/passwd"]) {
      expect(isShareToken(bad)).toBe(false);
    }
  });
});

describe("shareAccess", () => {
  const member = { id: "u1", status: "active" };
  test.each([
    ["public", null, true, "ok"],
    ["public", member, true, "ok"],
    ["public", null, false, "not_found"],
    ["public", member, false, "not_found"],
    ["team", member, true, "ok"],
    ["team", member, false, "ok"], // the public switch does not touch team links
    ["team", null, true, "sign_in"],
    ["team", { id: "u2", status: "disabled" }, true, "sign_in"],
    ["private", member, true, "not_found"],
    ["weird", member, true, "not_found"],
  ] as const)("%s link, viewer %j, public sharing %s → %s", (visibility, viewer, publicEnabled, expected) => {
    expect(shareAccess({ visibility, viewer, publicEnabled })).toBe(expected);
  });
});

describe("sharerLabel", () => {
  test("a name is shown to everyone", () => {
    expect(sharerLabel({ name: " Ada ", email: "ada@example.com", viewerSignedIn: false })).toBe("Ada");
  });
  test("the email is never shown to anonymous viewers", () => {
    expect(sharerLabel({ name: null, email: "ada@example.com", viewerSignedIn: false })).toBeNull();
    expect(sharerLabel({ name: "  ", email: "ada@example.com", viewerSignedIn: false })).toBeNull();
    expect(sharerLabel({ name: null, email: "ada@example.com", viewerSignedIn: true })).toBe("ada@example.com");
  });
});

describe("safeNextPath", () => {
  test("keeps paths on this site", () => {
    expect(safeNextPath("/s/abc")).toBe("/s/abc");
    expect(safeNextPath("/chat/x?m=1")).toBe("/chat/x?m=1");
  });
  test.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, 42, "/a\nb"])("drops %j", (value) => {
    expect(safeNextPath(value)).toBeNull();
  });
});

const msg = (id: string, role: "user" | "assistant", text: string, status = "complete"): ChatUIMessage => ({
  id,
  role,
  parts: text ? [{ type: "text", text }] : [],
  metadata: { status: status as "complete", createdAt: "2026-11-25T00:00:00.000Z", model: role === "assistant" ? "deepseek-flash" : null },
});

describe("forkThread", () => {
  test("a linear copy with fresh ids, in order; empty placeholders dropped, a live answer interrupted", () => {
    let n = 0;
    const copy = forkThread(
      [msg("q1", "user", "hi"), msg("a1", "assistant", "hello"), msg("q2", "user", "more"), msg("a2", "assistant", "partial", "streaming"), msg("a3", "assistant", "")],
      () => `n${n++}`,
      1_000_000,
    );
    expect(copy.map((m) => m.id)).toEqual(["n0", "n1", "n2", "n3"]);
    expect(copy.map((m) => m.parentId)).toEqual([null, "n0", "n1", "n2"]);
    expect(copy.map((m) => m.status)).toEqual(["complete", "complete", "complete", "interrupted"]);
    expect(copy[1].parts).toEqual([{ type: "text", text: "hello" }]);
    const times = copy.map((m) => m.createdAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
  });
});

describe("sharedExtra", () => {
  const raw = { systemPrompt: "secret persona", temperature: 0.3, maxOutputTokens: 500 };
  test("the system prompt stays private unless included", () => {
    expect(sharedExtra(raw, false)).toEqual({ systemPrompt: "", temperature: 0.3, maxOutputTokens: 500 });
    expect(sharedExtra(raw, true)).toEqual(raw);
  });
});

describe("presetDecision", () => {
  const owner = { id: "o", role: "member" };
  const other = { id: "x", role: "member" };
  const admin = { id: "a", role: "admin" };
  const priv = { userId: "o", published: false };
  const pub = { userId: "o", published: true };
  test("the owner may do everything", () => {
    for (const action of ["read", "edit", "delete", "publish"] as const) {
      expect(presetDecision({ preset: priv, user: owner, action })).toBe("ok");
    }
  });
  test("someone else's private preset does not exist, for admins too", () => {
    for (const action of ["read", "edit", "delete", "publish"] as const) {
      expect(presetDecision({ preset: priv, user: other, action })).toBe("not_found");
      expect(presetDecision({ preset: priv, user: admin, action })).toBe("not_found");
    }
  });
  test("a published preset: everyone reads, only the owner edits, the owner or an admin unpublishes/deletes", () => {
    expect(presetDecision({ preset: pub, user: other, action: "read" })).toBe("ok");
    expect(presetDecision({ preset: pub, user: other, action: "edit" })).toBe("forbidden");
    expect(presetDecision({ preset: pub, user: other, action: "publish" })).toBe("forbidden");
    expect(presetDecision({ preset: pub, user: other, action: "delete" })).toBe("forbidden");
    expect(presetDecision({ preset: pub, user: admin, action: "edit" })).toBe("forbidden");
    expect(presetDecision({ preset: pub, user: admin, action: "publish" })).toBe("ok");
    expect(presetDecision({ preset: pub, user: admin, action: "delete" })).toBe("ok");
  });
});

describe("preset settings", () => {
  test("the create schema reuses the chat settings limits", () => {
    const base = { model: "deepseek-flash", thinking: false, reasoningEffort: null, systemPrompt: "x", temperature: 0.5, maxOutputTokens: 100 };
    expect(presetCreateSchema.safeParse({ name: "Tutor", settings: base }).success).toBe(true);
    expect(presetCreateSchema.safeParse({ name: "Tutor", settings: { ...base, temperature: 3 } }).success).toBe(false);
    expect(presetCreateSchema.safeParse({ name: "Tutor", settings: { ...base, systemPrompt: "x".repeat(8001) } }).success).toBe(false);
    expect(presetCreateSchema.safeParse({ name: " ", settings: base }).success).toBe(false);
    expect(presetCreateSchema.safeParse({ name: "Tutor", settings: base, userId: "someone" }).success).toBe(false);
  });
  test("a broken stored document falls back instead of failing", () => {
    expect(parsePresetSettings({ temperature: "hot" }, "deepseek-flash")).toMatchObject({ model: "deepseek-flash", temperature: null });
    expect(parsePresetSettings({ systemPrompt: "Be brief", thinking: false }, "m")).toMatchObject({ systemPrompt: "Be brief", thinking: false, model: "m" });
  });
});

describe("redactSharePath", () => {
  test("share tokens never reach a log line; other paths are unchanged", () => {
    expect(redactSharePath("/api/shares/u7W3Uw8MT44ApRRzwAC29w/fork")).toBe("/api/shares/[token]/fork");
    expect(redactSharePath("/api/shares/u7W3Uw8MT44ApRRzwAC29w")).toBe("/api/shares/[token]");
    expect(redactSharePath("/s/u7W3Uw8MT44ApRRzwAC29w")).toBe("/s/[token]");
    expect(redactSharePath("/api/chats/abc/share")).toBe("/api/chats/abc/share");
    expect(redactSharePath("/settings/presets")).toBe("/settings/presets");
  });
});

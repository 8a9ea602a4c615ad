import { describe, expect, it } from "vitest";
import { childrenIndex, newestLeaf, pathTo, visibleBranch, type TreeNode } from "@/lib/chat/branches";

let clock = 0;
const node = (id: string, parentId: string | null): TreeNode => ({ id, parentId, createdAt: new Date(1_000 + clock++) });

// u1 → a1 → u2 → a2
//          ↘ a1b (regenerated)
//   u2 edited as u2b → a2b
const tree = [
  node("u1", null),
  node("a1", "u1"),
  node("u2", "a1"),
  node("a2", "u2"),
  node("a1b", "u1"),
  node("u2b", "a1"),
  node("a2b", "u2b"),
];

describe("branch selection", () => {
  it("shows the newest path by default", () => {
    expect(visibleBranch(tree, null).map((n) => n.id)).toEqual(["u1", "a1b"]);
  });

  it("follows the chosen leaf and reports sibling positions", () => {
    const branch = visibleBranch(tree, "a2");
    expect(branch.map((n) => n.id)).toEqual(["u1", "a1", "u2", "a2"]);
    expect(branch[1].branch).toEqual({ index: 0, count: 2, siblingIds: ["a1", "a1b"] });
    expect(branch[2].branch).toEqual({ index: 0, count: 2, siblingIds: ["u2", "u2b"] });
    expect(branch[3].branch).toEqual({ index: 0, count: 1, siblingIds: ["a2"] });
  });

  it("pages to a sibling by choosing its newest leaf", () => {
    const children = childrenIndex(tree);
    expect(newestLeaf(children, "u2b")).toBe("a2b");
    expect(newestLeaf(children, "a1")).toBe("a2b");
    expect(visibleBranch(tree, newestLeaf(children, "u2b")).map((n) => n.id)).toEqual(["u1", "a1", "u2b", "a2b"]);
  });

  it("falls back to the newest path for an unknown leaf", () => {
    expect(visibleBranch(tree, "nope").map((n) => n.id)).toEqual(["u1", "a1b"]);
  });

  it("handles empty and linear chats", () => {
    expect(visibleBranch([], null)).toEqual([]);
    const linear = [node("x1", null), node("x2", "x1")];
    expect(visibleBranch(linear, undefined).map((n) => [n.id, n.branch.count])).toEqual([
      ["x1", 1],
      ["x2", 1],
    ]);
  });

  it("builds the history for answering a message again", () => {
    expect(pathTo(tree, "u2").map((n) => n.id)).toEqual(["u1", "a1", "u2"]);
    expect(pathTo(tree, "missing")).toEqual([]);
  });

  it("never loops on a corrupted cycle", () => {
    const cyclic = [{ id: "p", parentId: "q", createdAt: new Date(1) }, { id: "q", parentId: "p", createdAt: new Date(2) }];
    expect(pathTo(cyclic, "p").length).toBe(2);
  });
});

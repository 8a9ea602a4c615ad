// Pure: a chat is a tree of messages (parentId); the conversation a user sees, and the one sent to
// DeepSeek, is one path through it. Regenerate and edit add siblings instead of overwriting.

export type TreeNode = { id: string; parentId: string | null; createdAt: string | Date };
export type BranchInfo = { index: number; count: number; siblingIds: string[] };

function byAge(a: TreeNode, b: TreeNode): number {
  const d = new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime();
  return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function childrenIndex<T extends TreeNode>(nodes: readonly T[]): Map<string | null, T[]> {
  const children = new Map<string | null, T[]>();
  for (const node of nodes) {
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  for (const list of children.values()) list.sort(byAge);
  return children;
}

/** The newest leaf under `id`, following the newest child at each step. */
export function newestLeaf<T extends TreeNode>(children: Map<string | null, T[]>, id: string): string {
  let current = id;
  for (;;) {
    const kids = children.get(current);
    if (!kids?.length) return current;
    current = kids[kids.length - 1].id;
  }
}

/**
 * The visible path ending at `leafId` (or, when it is missing/unknown, at the newest leaf), root
 * first, with each message's position among its siblings for `< 2/3 >` paging.
 */
export function visibleBranch<T extends TreeNode>(
  nodes: readonly T[],
  leafId: string | null | undefined,
): Array<T & { branch: BranchInfo }> {
  if (nodes.length === 0) return [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = childrenIndex(nodes);
  const roots = children.get(null) ?? [];
  let leaf = leafId && byId.has(leafId) ? leafId : undefined;
  if (!leaf) {
    const newestRoot = roots.at(-1) ?? [...nodes].sort(byAge).at(-1)!;
    leaf = newestLeaf(children, newestRoot.id);
  }
  const path: T[] = [];
  const seen = new Set<string>();
  for (let node = byId.get(leaf); node && !seen.has(node.id); node = node.parentId ? byId.get(node.parentId) : undefined) {
    seen.add(node.id);
    path.push(node);
  }
  path.reverse();
  return path.map((node) => {
    const siblings = children.get(node.parentId) ?? [node];
    return {
      ...node,
      branch: { index: siblings.findIndex((s) => s.id === node.id), count: siblings.length, siblingIds: siblings.map((s) => s.id) },
    };
  });
}

/** The path from the root to `id` (inclusive), e.g. the history to send when answering `id` again. */
export function pathTo<T extends TreeNode>(nodes: readonly T[], id: string): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const path: T[] = [];
  const seen = new Set<string>();
  for (let node = byId.get(id); node && !seen.has(node.id); node = node.parentId ? byId.get(node.parentId) : undefined) {
    seen.add(node.id);
    path.push(node);
  }
  return path.reverse();
}

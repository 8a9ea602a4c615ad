export type DateGroup = "pinned" | "today" | "yesterday" | "week" | "older";
export const DATE_GROUPS: readonly DateGroup[] = ["pinned", "today", "yesterday", "week", "older"];

/** Which sidebar section a chat belongs to, by local calendar day of its last activity. */
export function dateGroup(updatedAt: Date, pinned: boolean, now: Date = new Date()): DateGroup {
  if (pinned) return "pinned";
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const day = 24 * 60 * 60 * 1000;
  const t = updatedAt.getTime();
  if (t >= startOfToday) return "today";
  if (t >= new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1).getTime()) return "yesterday";
  if (t >= startOfToday - 7 * day) return "week";
  return "older";
}

/** Chats in sidebar order, split into non-empty sections (input order kept inside each). */
export function groupChats<T extends { updatedAt: string; pinned?: boolean }>(chats: T[], now: Date = new Date()) {
  const groups = new Map<DateGroup, T[]>();
  for (const chat of chats) {
    const g = dateGroup(new Date(chat.updatedAt), !!chat.pinned, now);
    groups.set(g, [...(groups.get(g) ?? []), chat]);
  }
  return DATE_GROUPS.filter((g) => groups.has(g)).map((g) => ({ group: g, chats: groups.get(g)! }));
}

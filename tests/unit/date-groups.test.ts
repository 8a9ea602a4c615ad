import { expect, test } from "vitest";
import { dateGroup, groupChats } from "@/lib/chat/date-groups";

const now = new Date(2026, 10, 25, 9, 30); // local time, Wed 25 Nov 2026 09:30

test("sections by local calendar day", () => {
  expect(dateGroup(new Date(2026, 10, 25, 0, 1), false, now)).toBe("today");
  expect(dateGroup(new Date(2026, 10, 24, 23, 59), false, now)).toBe("yesterday");
  expect(dateGroup(new Date(2026, 10, 24, 0, 0), false, now)).toBe("yesterday");
  expect(dateGroup(new Date(2026, 10, 23, 23, 0), false, now)).toBe("week");
  expect(dateGroup(new Date(2026, 10, 18, 0, 0), false, now)).toBe("week");
  expect(dateGroup(new Date(2026, 10, 17, 23, 0), false, now)).toBe("older");
  expect(dateGroup(new Date(2020, 0, 1), true, now)).toBe("pinned");
});

test("groups keep order and skip empty sections", () => {
  const chats = [
    { id: "p", updatedAt: new Date(2026, 0, 1).toISOString(), pinned: true },
    { id: "a", updatedAt: new Date(2026, 10, 25, 8).toISOString() },
    { id: "b", updatedAt: new Date(2026, 10, 25, 7).toISOString() },
    { id: "c", updatedAt: new Date(2025, 10, 25).toISOString() },
  ];
  expect(groupChats(chats, now).map((g) => [g.group, g.chats.map((c) => c.id)])).toEqual([
    ["pinned", ["p"]],
    ["today", ["a", "b"]],
    ["older", ["c"]],
  ]);
});

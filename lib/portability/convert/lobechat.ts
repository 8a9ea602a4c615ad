import { z } from "zod";
import type { ConvertedChat, ShoalMessage, ShoalPart } from "../format";
import { idMaker, iso, message, Notes, reasoningPart, textPart, titleOr, toMillis, type ConvertOptions } from "./common";

// LobeChat's config export: `{ exportType, state: { sessions, topics, messages, … }, version }`.
// Messages are one flat list pointing at a session (agent) and optionally a topic; each
// (session, topic) pair becomes one Shoal chat, with the agent's system role as a system message.
const messageSchema = z.looseObject({
  id: z.string(),
  role: z.string(),
  content: z.string().nullable().optional(),
  createdAt: z.union([z.number(), z.string()]).optional(),
  sessionId: z.string().nullable().optional(),
  topicId: z.string().nullable().optional(),
  parentId: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  reasoning: z.looseObject({ content: z.string().optional() }).nullable().optional(),
  files: z.array(z.unknown()).nullable().optional(),
  imageList: z.array(z.unknown()).nullable().optional(),
  error: z.unknown().optional(),
});
const topicSchema = z.looseObject({ id: z.string(), title: z.string().nullable().optional(), sessionId: z.string().nullable().optional(), createdAt: z.union([z.number(), z.string()]).optional(), updatedAt: z.union([z.number(), z.string()]).optional() });
const sessionSchema = z.looseObject({
  id: z.string(),
  meta: z.looseObject({ title: z.string().optional() }).optional(),
  config: z.looseObject({ systemRole: z.string().optional(), model: z.string().optional() }).optional(),
});
export type LobeMessage = z.infer<typeof messageSchema>;
export type LobeTopic = z.infer<typeof topicSchema>;
export type LobeSession = z.infer<typeof sessionSchema>;
export const lobeSchemas = { message: messageSchema, topic: topicSchema, session: sessionSchema };

export type LobeGroup = { key: string; session?: LobeSession; topic?: LobeTopic; messages: LobeMessage[] };

/** Groups a LobeChat state into one group per (session, topic), in a stable order. */
export function groupLobeState(state: { sessions: LobeSession[]; topics: LobeTopic[]; messages: LobeMessage[] }): LobeGroup[] {
  const sessions = new Map(state.sessions.map((s) => [s.id, s]));
  const topics = new Map(state.topics.map((t) => [t.id, t]));
  const groups = new Map<string, LobeGroup>();
  for (const m of state.messages) {
    const sessionId = m.sessionId ?? "inbox";
    const key = `${sessionId}/${m.topicId ?? "default"}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, session: sessions.get(sessionId), topic: m.topicId ? topics.get(m.topicId) : undefined, messages: [] };
      groups.set(key, group);
    }
    group.messages.push(m);
  }
  return [...groups.values()];
}

export function convertLobeGroup(group: LobeGroup, opts: ConvertOptions): ConvertedChat {
  const notes = new Notes();
  const makeId = idMaker();
  const sorted = [...group.messages].sort((a, b) => (toMillis(a.createdAt) ?? 0) - (toMillis(b.createdAt) ?? 0));
  const messages: ShoalMessage[] = [];
  const idMap = new Map<string, string>();
  let prevMs = (toMillis(sorted[0]?.createdAt) ?? 1) - 1;

  const systemRole = group.session?.config?.systemRole?.trim();
  if (systemRole) {
    messages.push(message({ id: makeId("system", "system"), parentId: null, role: "system", parts: [textPart(systemRole)], createdAt: prevMs }));
  }
  for (const m of sorted) {
    if (m.role !== "user" && m.role !== "assistant" && m.role !== "system") {
      notes.add(m.role === "tool" || m.role === "function" ? "tool_messages_dropped" : "unknown_roles_dropped");
      continue;
    }
    if ((m.files?.length ?? 0) > 0 || (m.imageList?.length ?? 0) > 0) notes.add("attachments_dropped");
    const parts: ShoalPart[] = [];
    const reasoning = m.reasoning?.content?.trim();
    if (m.role === "assistant" && reasoning) parts.push(reasoningPart(m.reasoning!.content!));
    if (m.content && m.content.trim() && m.content !== "...") parts.push(textPart(m.content));
    if (!parts.some((p) => p.type === "text")) {
      notes.add("empty_messages_dropped");
      continue;
    }
    const createdAt = Math.max(toMillis(m.createdAt) ?? 0, prevMs + 1);
    prevMs = createdAt;
    const id = makeId(m.id, `m${messages.length}`);
    idMap.set(m.id, id);
    // LobeChat's parentId links a regenerated answer to its question; otherwise the thread is linear.
    const parentId = (m.parentId && idMap.get(m.parentId)) || (messages.at(-1)?.id ?? null);
    const failed = m.error !== undefined && m.error !== null;
    messages.push(
      message({
        id,
        parentId,
        role: m.role,
        parts,
        createdAt,
        model: m.role === "assistant" ? (m.model ?? group.session?.config?.model ?? null) : null,
        status: failed ? "error" : "complete",
        errorCode: failed ? "upstream:lobechat" : null,
      }),
    );
  }
  const title = group.topic?.title ?? group.session?.meta?.title ?? (group.key.startsWith("inbox/") ? "LobeChat" : undefined);
  const first = messages[0] ? Date.parse(messages[0].createdAt) : 0;
  return {
    chat: {
      id: makeId(group.topic?.id ?? group.key, "chat"),
      title: titleOr(title, "LobeChat"),
      titleSource: "user",
      model: opts.defaultModel,
      thinking: true,
      reasoningEffort: null,
      settings: null,
      createdAt: iso(toMillis(group.topic?.createdAt) ?? first),
      updatedAt: iso(Math.max(toMillis(group.topic?.updatedAt) ?? 0, prevMs, first)),
      messages,
    },
    notes: notes.list(),
  };
}

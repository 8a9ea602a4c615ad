import { z } from "zod";
import type { ConvertedChat, ShoalMessage, ShoalPart } from "../format";
import { ConvertError, idMaker, iso, isObject, message, Notes, textPart, titleOr, toMillis, type ConvertOptions } from "./common";

// NextChat (ChatGPTNextWeb) "Backup": its persisted stores keyed by store name; chats are
// `["chat-next-web-store"].sessions[]`, each with a mask whose `context` is preset messages.
export const NEXTCHAT_STORE_KEY = "chat-next-web-store";

const messageSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  role: z.string(),
  content: z.union([z.string(), z.array(z.unknown())]).nullable().optional(),
  date: z.union([z.string(), z.number()]).optional(),
  streaming: z.boolean().optional(),
  isError: z.boolean().optional(),
  model: z.string().optional(),
});
const sessionSchema = z.looseObject({
  id: z.union([z.string(), z.number()]),
  topic: z.string().optional(),
  messages: z.array(messageSchema),
  lastUpdate: z.number().optional(),
  mask: z
    .looseObject({
      context: z.array(messageSchema).optional(),
      modelConfig: z.looseObject({ model: z.string().optional() }).optional(),
    })
    .optional(),
});

function contentParts(content: unknown, notes: Notes): ShoalPart[] {
  if (typeof content === "string") return content.trim() ? [textPart(content)] : [];
  if (!Array.isArray(content)) return [];
  const parts: ShoalPart[] = [];
  for (const item of content) {
    if (isObject(item) && item.type === "text" && typeof item.text === "string") {
      if (item.text.trim()) parts.push(textPart(item.text));
    } else notes.add("attachments_dropped");
  }
  return parts;
}

export function convertNextChatSession(input: unknown, opts: ConvertOptions): ConvertedChat {
  const parsed = sessionSchema.safeParse(input);
  if (!parsed.success) throw new ConvertError(parsed.error.issues[0]?.message ?? "invalid session");
  const session = parsed.data;
  const notes = new Notes();
  const makeId = idMaker();
  const maskModel = session.mask?.modelConfig?.model;
  const source = [...(session.mask?.context ?? []), ...session.messages];
  const fallbackStart = (session.lastUpdate ?? 0) - source.length;

  const messages: ShoalMessage[] = [];
  let prevMs = fallbackStart;
  for (const [i, m] of source.entries()) {
    if (m.role !== "user" && m.role !== "assistant" && m.role !== "system") {
      notes.add("unknown_roles_dropped");
      continue;
    }
    const parts = contentParts(m.content, notes);
    if (parts.length === 0) {
      notes.add("empty_messages_dropped");
      continue;
    }
    const createdAt = Math.max(toMillis(m.date) ?? 0, prevMs + 1);
    prevMs = createdAt;
    messages.push(
      message({
        id: makeId(m.id, `m${i}`),
        parentId: messages.at(-1)?.id ?? null,
        role: m.role,
        parts,
        createdAt,
        model: m.role === "assistant" ? (m.model ?? maskModel ?? null) : null,
        status: m.isError ? "error" : m.streaming ? "stopped" : "complete",
        errorCode: m.isError ? "upstream:nextchat" : null,
      }),
    );
  }
  const first = messages[0] ? Date.parse(messages[0].createdAt) : (session.lastUpdate ?? 0);
  return {
    chat: {
      id: makeId(session.id, "chat"),
      title: titleOr(session.topic, "NextChat"),
      titleSource: "user",
      model: opts.defaultModel,
      thinking: true,
      reasoningEffort: null,
      settings: null,
      createdAt: iso(first),
      updatedAt: iso(Math.max(session.lastUpdate ?? 0, prevMs, first)),
      messages,
    },
    notes: notes.list(),
  };
}

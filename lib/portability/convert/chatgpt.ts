import { z } from "zod";
import type { ConvertedChat, ShoalMessage, ShoalPart } from "../format";
import { ConvertError, idMaker, iso, isObject, message, Notes, reasoningPart, textPart, titleOr, toMillis, type ConvertOptions } from "./common";

// ChatGPT's data export (`conversations.json`): an array of conversations, each a message tree in
// `mapping` (node → parent/children) with `current_node` the leaf the user last saw.
const nodeSchema = z.object({
  id: z.string().optional(),
  message: z.record(z.string(), z.unknown()).nullable().optional(),
  parent: z.string().nullable().optional(),
  children: z.array(z.string()).default([]),
});
const conversationSchema = z.object({
  title: z.string().nullable().optional(),
  create_time: z.number().nullable().optional(),
  update_time: z.number().nullable().optional(),
  mapping: z.record(z.string(), nodeSchema),
  current_node: z.string().nullable().optional(),
  id: z.string().optional(),
  conversation_id: z.string().optional(),
});

type Classified =
  | { kind: "keep"; role: ShoalMessage["role"]; parts: ShoalPart[] }
  | { kind: "reasoning"; text: string }
  | { kind: "skip" };

function classify(raw: Record<string, unknown>, notes: Notes): Classified {
  const author = isObject(raw.author) ? raw.author : {};
  const role = author.role;
  const content = isObject(raw.content) ? raw.content : {};
  const metadata = isObject(raw.metadata) ? raw.metadata : {};
  if (metadata.is_visually_hidden_from_conversation) return { kind: "skip" };
  if (Array.isArray(metadata.attachments) && metadata.attachments.length > 0) notes.add("attachments_dropped");
  if (role === "tool" || (role === "assistant" && typeof raw.recipient === "string" && raw.recipient !== "all")) {
    notes.add("tool_messages_dropped");
    return { kind: "skip" };
  }
  if (role !== "user" && role !== "assistant" && role !== "system") {
    notes.add("unknown_roles_dropped");
    return { kind: "skip" };
  }
  const type = content.content_type;
  let text = "";
  if (type === "text" || type === "multimodal_text") {
    const parts = Array.isArray(content.parts) ? content.parts : [];
    for (const p of parts) {
      if (typeof p === "string") text += (text && p ? "\n" : "") + p;
      else notes.add("attachments_dropped");
    }
  } else if (type === "code" && typeof content.text === "string") {
    text = `\`\`\`${typeof content.language === "string" && content.language !== "unknown" ? content.language : ""}\n${content.text}\n\`\`\``;
  } else if (type === "thoughts" && role === "assistant") {
    const thoughts = Array.isArray(content.thoughts) ? content.thoughts : [];
    const joined = thoughts
      .map((t) => (isObject(t) ? [t.summary, t.content].filter((s) => typeof s === "string" && s).join("\n\n") : ""))
      .filter(Boolean)
      .join("\n\n");
    return joined ? { kind: "reasoning", text: joined } : { kind: "skip" };
  } else if (type === "reasoning_recap" || type === "user_editable_context" || type === "model_editable_context") {
    return { kind: "skip" };
  } else {
    notes.add("tool_messages_dropped");
    return { kind: "skip" };
  }
  if (!text.trim()) {
    if (role !== "system") notes.add("empty_messages_dropped");
    return { kind: "skip" };
  }
  return { kind: "keep", role, parts: [textPart(text)] };
}

function finishOf(raw: Record<string, unknown>): { status: ShoalMessage["status"]; finishReason: string | null } {
  const metadata = isObject(raw.metadata) ? raw.metadata : {};
  const finish = isObject(metadata.finish_details) ? metadata.finish_details.type : undefined;
  if (finish === "max_tokens") return { status: "complete", finishReason: "length" };
  if (finish === "interrupted") return { status: "stopped", finishReason: null };
  return { status: "complete", finishReason: finish === "stop" ? "stop" : null };
}

/**
 * One conversation. The branch ending at `current_node` is the main line; every other branch is kept
 * with its parentId. Messages Shoal cannot show (tool calls, hidden system context, images) are left
 * out and their children re-attached to the nearest kept ancestor; `thoughts` become the reasoning
 * part of the answer that follows them.
 */
export function convertChatGptConversation(input: unknown, opts: ConvertOptions): ConvertedChat {
  const parsed = conversationSchema.safeParse(input);
  if (!parsed.success) throw new ConvertError(parsed.error.issues[0]?.message ?? "invalid conversation");
  const conv = parsed.data;
  const notes = new Notes();
  const makeId = idMaker();
  const nodes = conv.mapping;
  const roots = Object.keys(nodes).filter((k) => !nodes[k].parent || !(nodes[k].parent in nodes));
  if (roots.length === 0) throw new ConvertError("message tree has no root");

  const mainLine = new Set<string>();
  for (let cur = conv.current_node ?? null; cur && nodes[cur] && !mainLine.has(cur); cur = nodes[cur].parent ?? null) mainLine.add(cur);

  const startMs = toMillis(conv.create_time) ?? 0;
  const messages: ShoalMessage[] = [];
  const seen = new Set<string>();
  // The deepest kept message on the main line: the chat opens there (current_node, or the nearest
  // ancestor Shoal keeps when current_node itself is left out).
  let activeLeafId: string | null = null;
  type Frame = { key: string; parentId: string | null; parentMs: number; reasoning: string[] };
  // Main-line children first, so the visible branch gets the earlier timestamps among equals.
  const ordered = (children: string[]) => [...children].sort((a, b) => Number(mainLine.has(b)) - Number(mainLine.has(a)));
  const stack: Frame[] = ordered(roots).reverse().map((key) => ({ key, parentId: null, parentMs: startMs, reasoning: [] }));
  while (stack.length) {
    const frame = stack.pop()!;
    if (seen.has(frame.key)) continue;
    seen.add(frame.key);
    const node = nodes[frame.key];
    let parentId = frame.parentId;
    let parentMs = frame.parentMs;
    let reasoning = frame.reasoning;
    if (node.message) {
      const c = classify(node.message, notes);
      if (c.kind === "reasoning") reasoning = [...reasoning, c.text];
      if (c.kind === "keep") {
        const createdAt = Math.max(toMillis(node.message.create_time) ?? 0, parentMs + 1);
        const parts = c.role === "assistant" && reasoning.length ? [reasoningPart(reasoning.join("\n\n")), ...c.parts] : c.parts;
        const meta = isObject(node.message.metadata) ? node.message.metadata : {};
        const id = makeId(node.message.id ?? node.id ?? frame.key, `m${messages.length}`);
        messages.push(
          message({
            id,
            parentId,
            role: c.role,
            parts,
            createdAt,
            model: c.role === "assistant" && typeof meta.model_slug === "string" ? meta.model_slug : null,
            ...(c.role === "assistant" ? finishOf(node.message) : {}),
          }),
        );
        if (mainLine.has(frame.key)) activeLeafId = id;
        parentId = id;
        parentMs = createdAt;
        reasoning = [];
      }
    }
    for (const child of ordered(node.children).reverse()) {
      if (nodes[child]) stack.push({ key: child, parentId, parentMs, reasoning });
    }
  }

  const lastMs = messages.reduce((max, m) => Math.max(max, Date.parse(m.createdAt)), startMs);
  const createdAt = toMillis(conv.create_time) ?? (messages[0] ? Date.parse(messages[0].createdAt) : 0);
  return {
    chat: {
      id: makeId(conv.id ?? conv.conversation_id, "chat"),
      title: titleOr(conv.title, "ChatGPT"),
      titleSource: "user",
      model: opts.defaultModel,
      thinking: true,
      reasoningEffort: null,
      settings: null,
      createdAt: iso(createdAt),
      updatedAt: iso(Math.max(toMillis(conv.update_time) ?? 0, lastMs)),
      activeLeafId,
      messages,
    },
    notes: notes.list(),
  };
}

import { z } from "zod";

// The Shoal export format, version 1 (docs/export-format.md). Every importer converts its source into
// `ShoalChat` objects, so one validator and one writer serve all formats.
export const SHOAL_FORMAT = "shoal-export";
export const SHOAL_FORMAT_VERSION = 1;
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "invalid id");
const isoDate = z.iso.datetime({ offset: true });
const providerMetadata = z.record(z.string(), z.unknown()).optional();

// Parts are AI SDK UIMessage parts. Known kinds are checked field by field; extra keys are kept so a
// newer AI SDK's fields survive a round trip. Tool and data parts are checked for their type only.
const partSchema = z.union([
  z.looseObject({ type: z.literal("text"), text: z.string(), state: z.enum(["streaming", "done"]).optional(), providerMetadata }),
  z.looseObject({ type: z.literal("reasoning"), text: z.string(), state: z.enum(["streaming", "done"]).optional(), providerMetadata }),
  z.looseObject({ type: z.literal("step-start") }),
  z.looseObject({ type: z.literal("file"), mediaType: z.string().min(1), url: z.string(), filename: z.string().optional() }),
  z.looseObject({ type: z.literal("source-url"), sourceId: z.string(), url: z.string() }),
  z.looseObject({ type: z.literal("source-document"), sourceId: z.string(), mediaType: z.string(), title: z.string() }),
  z.looseObject({ type: z.string().regex(/^(tool-.+|dynamic-tool|data-.+)$/, "unknown part type") }),
]);
export type ShoalPart = z.infer<typeof partSchema>;

const count = z.number().int().min(0).nullable();

export const shoalMessageSchema = z.strictObject({
  id,
  parentId: id.nullable(),
  role: z.enum(["user", "assistant", "system"]),
  parts: z.array(partSchema).max(10_000),
  model: z.string().max(200).nullable(),
  status: z.enum(["streaming", "complete", "stopped", "error"]),
  errorCode: z.string().max(200).nullable(),
  finishReason: z.string().max(100).nullable(),
  usage: z.strictObject({
    inputCacheHitTokens: count,
    inputCacheMissTokens: count,
    outputTokens: count,
    reasoningTokens: count,
  }),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type ShoalMessage = z.infer<typeof shoalMessageSchema>;

export const shoalChatSchema = z
  .strictObject({
    id,
    title: z.string().max(500),
    titleSource: z.enum(["auto", "user"]),
    model: z.string().min(1).max(200),
    thinking: z.boolean(),
    reasoningEffort: z.string().max(20).nullable(),
    settings: z.record(z.string(), z.unknown()).nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
    /** The message the visible branch ends at (absent in older files; an unknown id is ignored). */
    activeLeafId: id.nullable().optional(),
    messages: z.array(shoalMessageSchema).max(100_000),
  })
  .superRefine((chat, ctx) => {
    const ids = new Set<string>();
    for (const [i, m] of chat.messages.entries()) {
      if (ids.has(m.id)) ctx.addIssue({ code: "custom", path: ["messages", i, "id"], message: "duplicate message id" });
      ids.add(m.id);
    }
    for (const [i, m] of chat.messages.entries()) {
      if (m.parentId !== null && !ids.has(m.parentId)) {
        ctx.addIssue({ code: "custom", path: ["messages", i, "parentId"], message: "parent not in this chat" });
      }
    }
  });
export type ShoalChat = z.infer<typeof shoalChatSchema>;

/** The header fields that precede `chats` in a file. `account` and `usage` appear only in account exports. */
export const shoalHeaderSchema = z.object({
  format: z.literal(SHOAL_FORMAT),
  version: z.literal(SHOAL_FORMAT_VERSION),
});

export type ImportSource = "shoal" | "chatgpt" | "nextchat" | "lobechat";

/** A chat a converter produced, before it is written: ids may be replaced, content is final. */
export type ConvertedChat = { chat: ShoalChat; notes: ImportNote[] };
/** Things a converter had to leave out, reported to the user per chat. */
export type ImportNote = "attachments_dropped" | "unknown_roles_dropped" | "tool_messages_dropped" | "empty_messages_dropped";

export type ChatImportResult =
  | { status: "imported"; index: number; title: string; chatId: string; messages: number; notes: ImportNote[] }
  | { status: "skipped"; index: number; title: string; reason: SkipReason; detail?: string };
export type SkipReason = "duplicate" | "already_exists" | "invalid" | "empty" | "write_failed";

export function emptyUsage(): ShoalMessage["usage"] {
  return { inputCacheHitTokens: null, inputCacheMissTokens: null, outputTokens: null, reasoningTokens: null };
}

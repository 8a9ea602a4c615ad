import { z } from "zod";
import { REASONING_EFFORTS } from "@/lib/ai/models";
import { chatPatchSchema } from "@/lib/settings/schema";

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "invalid id");

const settings = {
  model: z.string().min(1).max(64),
  thinking: z.boolean().default(true),
  reasoningEffort: z.enum(REASONING_EFFORTS as [string, ...string[]]).nullish(),
};

const textPartSchema = z.object({ type: z.literal("text"), text: z.string().max(200_000) });
const attachmentPartSchema = z.object({
  type: z.literal("data-attachment"),
  id: z.string().max(64).optional(),
  data: z.object({
    name: z.string().trim().min(1).max(255),
    mediaType: z.string().max(255).default("text/plain"),
    size: z.number().int().min(0).optional(),
    // The real per-file limit is lower (lib/attachments/limits.ts) and answered with its own code.
    text: z.string().max(1_000_000),
    source: z.enum(["file", "paste"]).optional(),
  }),
});

// The client sends only the new message (and where it goes in the tree); the server owns the history.
const submitSchema = z.object({
  trigger: z.literal("submit-message").default("submit-message"),
  id: idSchema,
  message: z.object({
    id: idSchema,
    role: z.literal("user"),
    // Text, and text files as `data-attachment` parts (limits are checked with their own error codes).
    parts: z
      .array(z.union([textPartSchema, attachmentPartSchema]))
      .min(1)
      .max(40)
      .refine((parts) => parts.some((p) => (p.type === "text" ? p.text.trim().length > 0 : true)), "empty message"),
  }),
  /** The message this question follows (an earlier one when editing); null starts at the root. */
  parentId: idSchema.nullish(),
  /** System prompt / temperature / output cap for a chat created by this message. */
  extra: chatPatchSchema.shape.settings.optional(),
  ...settings,
});

// Answer an existing question again; the new answer becomes a sibling of the old one.
const regenerateSchema = z.object({
  trigger: z.literal("regenerate-message"),
  id: idSchema,
  regenerateId: idSchema,
  ...settings,
});

// Continue an answer cut by max tokens or stopped: the same message grows (DeepSeek prefix completion).
const continueSchema = z.object({
  trigger: z.literal("continue-message"),
  id: idSchema,
  continueId: idSchema,
  ...settings,
});

export const chatRequestSchema = z.union([submitSchema, regenerateSchema, continueSchema]);

export type ChatRequest = z.infer<typeof chatRequestSchema>;

import { z } from "zod";
import { REASONING_EFFORTS } from "@/lib/ai/models";
import { chatPatchSchema } from "@/lib/settings/schema";

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "invalid id");

const settings = {
  model: z.string().min(1).max(64),
  thinking: z.boolean().default(true),
  reasoningEffort: z.enum(REASONING_EFFORTS as [string, ...string[]]).nullish(),
};

// The client sends only the new message (and where it goes in the tree); the server owns the history.
const submitSchema = z.object({
  trigger: z.literal("submit-message").default("submit-message"),
  id: idSchema,
  message: z.object({
    id: idSchema,
    role: z.literal("user"),
    parts: z
      .array(z.object({ type: z.literal("text"), text: z.string().max(200_000) }))
      .min(1)
      .max(20)
      .refine((parts) => parts.some((p) => p.text.trim().length > 0), "empty message"),
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

export const chatRequestSchema = z.union([submitSchema, regenerateSchema]);

export type ChatRequest = z.infer<typeof chatRequestSchema>;

import { z } from "zod";
import { REASONING_EFFORTS } from "@/lib/ai/models";

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "invalid id");

// The client sends only the new message; the server owns the history.
export const chatRequestSchema = z.object({
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
  model: z.string().min(1).max(64),
  thinking: z.boolean().default(true),
  reasoningEffort: z.enum(REASONING_EFFORTS as [string, ...string[]]).nullish(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

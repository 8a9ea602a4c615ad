import { streamChatReply } from "@/lib/chat/stream-reply";
import { parseJson, withUser } from "@/lib/http";
import { chatRequestSchema } from "./schema";

export const maxDuration = 800;

export const POST = withUser(async (req, { user }) => {
  const input = await parseJson(req, chatRequestSchema, 1024 * 1024);
  return streamChatReply({ user, input });
});

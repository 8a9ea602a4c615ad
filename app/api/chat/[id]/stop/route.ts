import { generations } from "@/lib/chat/generations/registry";
import { getChatOrThrow } from "@/lib/db/queries/chats";
import { findStreamingAssistant } from "@/lib/db/queries/messages";
import { withUser } from "@/lib/http";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Stop is a server action on the generation, so it works from another tab or device too. It
// aborts the upstream request; the partial answer and its status are saved by the generation.
export const POST = withUser<{ id: string }>(async (_req, { user, params }) => {
  const chat = await getChatOrThrow({ id: params.id, userId: user.id });
  // A Stop pressed right after Send can arrive before the answer row exists: look for a moment.
  for (let attempt = 0; attempt < 20; attempt++) {
    const live = await findStreamingAssistant({ chatId: chat.id });
    if (live) {
      const local = await generations.stop(live.id);
      return Response.json({ stopped: live.id, owner: local ? "this-instance" : "relayed" });
    }
    await sleep(100);
  }
  return Response.json({ stopped: null });
});

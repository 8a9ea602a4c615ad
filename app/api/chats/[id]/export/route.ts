import { z } from "zod";
import { getChatOrThrow } from "@/lib/db/queries/chats";
import { AppError } from "@/lib/errors";
import { withUser } from "@/lib/http";
import { getTranslator } from "@/lib/i18n/server";
import { attachmentHeader, exportJsonStream, exportMarkdownStream } from "@/lib/portability/export";

const querySchema = z.strictObject({
  format: z.enum(["md", "json"]).default("md"),
  reasoning: z.enum(["0", "1"]).default("0"),
});

export const GET = withUser<{ id: string }>(async (req, { user, params }) => {
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request:api", { reason: "invalid_query" });
  const chat = await getChatOrThrow({ id: params.id, userId: user.id });
  if (parsed.data.format === "json") {
    return new Response(exportJsonStream({ userId: user.id, chatIds: [chat.id], account: false }), {
      headers: { "content-type": "application/json; charset=utf-8", "content-disposition": attachmentHeader(chat.title, "json") },
    });
  }
  const { t } = await getTranslator();
  const labels = {
    you: t("chat.you"),
    assistant: t("chat.assistant"),
    system: t("port.md.system"),
    reasoning: t("chat.reasoning"),
    model: t("chat.model"),
    created: t("port.md.created"),
  };
  return new Response(exportMarkdownStream({ userId: user.id, chatId: chat.id, reasoning: parsed.data.reasoning === "1", labels }), {
    headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": attachmentHeader(chat.title, "md") },
  });
});

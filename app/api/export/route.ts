import { z } from "zod";
import { AppError } from "@/lib/errors";
import { withUser } from "@/lib/http";
import { attachmentHeader, exportJsonStream } from "@/lib/portability/export";

// All of the user's chats (scope=chats), or everything Shoal keeps about them (scope=account:
// profile, usage totals and all chats). Both are the Shoal format, which import accepts back.
const querySchema = z.strictObject({ scope: z.enum(["chats", "account"]).default("chats") });

export const GET = withUser(async (req, { user }) => {
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request:api", { reason: "invalid_query" });
  const account = parsed.data.scope === "account";
  const day = new Date().toISOString().slice(0, 10);
  return new Response(exportJsonStream({ userId: user.id, account }), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": attachmentHeader(`shoal-${account ? "account" : "chats"}-${day}`, "json"),
      "cache-control": "no-store",
    },
  });
});

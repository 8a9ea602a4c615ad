import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { withUser } from "@/lib/http";
import { MAX_IMPORT_BYTES, runImport, type ImportEvent } from "@/lib/portability/import";

// The request body is the file itself, imported chat by chat as it arrives (the browser's upload
// progress therefore follows the import). The answer is NDJSON, one event per line (start, chat,
// progress, done or error), sent once the upload has ended: answering while a client is still
// uploading breaks some HTTP/1.1 clients and reverse proxies (connections reset mid-upload).
const headerSchema = z.object({
  contentLength: z.coerce.number().int().min(0).max(MAX_IMPORT_BYTES).optional(),
});

export const POST = withUser(async (req, { user }) => {
  const parsed = headerSchema.safeParse({ contentLength: req.headers.get("content-length") ?? undefined });
  if (!parsed.success) throw new AppError("bad_request:import", { reason: "too_large", maxBytes: MAX_IMPORT_BYTES });
  if (!req.body) throw new AppError("bad_request:import", { reason: "empty_file" });
  const body = req.body as unknown as AsyncIterable<Uint8Array>;
  const lines: string[] = [];
  for await (const event of runImport({ body, userId: user.id, defaultModel: env.DEFAULT_MODEL, maxBytes: MAX_IMPORT_BYTES })) {
    // A file that is not importable at all is a plain 400.
    if (lines.length === 0 && event.type === "error") {
      throw new AppError("bad_request:import", { reason: event.reason, ...event.detail });
    }
    lines.push(JSON.stringify(event satisfies ImportEvent));
  }
  return new Response(`${lines.join("\n")}\n`, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" },
  });
});

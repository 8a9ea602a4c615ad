import { z } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { withUser } from "@/lib/http";
import { MAX_IMPORT_BYTES, runImport, type ImportEvent } from "@/lib/portability/import";

// The request body is the file itself, read as it arrives. The answer is NDJSON, one event per
// line (start, chat, progress, done or error), so the page can show progress and per-chat results.

const headerSchema = z.object({
  contentLength: z.coerce.number().int().min(0).max(MAX_IMPORT_BYTES).optional(),
});

export const POST = withUser(async (req, { user }) => {
  const parsed = headerSchema.safeParse({ contentLength: req.headers.get("content-length") ?? undefined });
  if (!parsed.success) throw new AppError("bad_request:import", { reason: "too_large", maxBytes: MAX_IMPORT_BYTES });
  if (!req.body) throw new AppError("bad_request:import", { reason: "empty_file" });
  const events = runImport({ body: req.body as unknown as AsyncIterable<Uint8Array>, userId: user.id, defaultModel: env.DEFAULT_MODEL, maxBytes: MAX_IMPORT_BYTES });
  // A file that is not importable at all gets a plain 400 before any streaming starts.
  const first = await events.next();
  if (first.done) throw new AppError("bad_request:import", { reason: "empty_file" });
  if (first.value.type === "error") throw new AppError("bad_request:import", { reason: first.value.reason, ...first.value.detail });

  const encoder = new TextEncoder();
  const line = (e: ImportEvent) => encoder.encode(`${JSON.stringify(e)}\n`);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(line(first.value));
    },
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) controller.close();
        else controller.enqueue(line(next.value));
      } catch (e) {
        console.error("[shoal] import failed", e);
        controller.enqueue(encoder.encode(`${JSON.stringify({ type: "error", code: "internal:import" })}\n`));
        controller.close();
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
});

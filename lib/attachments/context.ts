import { AppError } from "@/lib/errors";
import { isAllowedType, isImage, textLooksBinary, textMediaType } from "./detect";
import { ATTACHMENT_LIMITS, type Attachment, type AttachmentPart, isAttachmentPart, utf8Bytes } from "./limits";

// Server side of text attachments: the same limits as the composer, enforced with stable codes, and
// the form DeepSeek sees them in (file blocks before the question; the UI keeps showing chips).

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/[\r\n]+/g, " ");
}

/** `<file name="x.ts">…</file>`: what the model receives for one attachment. */
export function fileBlock(attachment: Pick<Attachment, "name" | "text">): string {
  const body = attachment.text.endsWith("\n") ? attachment.text : `${attachment.text}\n`;
  return `<file name="${escapeAttribute(attachment.name)}">\n${body}</file>\n\n`;
}

/** For `convertToModelMessages({ convertDataPart })`: attachments become text parts; other data parts are dropped. */
export function attachmentToModelPart(part: { type: string }): { type: "text"; text: string } | undefined {
  return isAttachmentPart(part) ? { type: "text", text: fileBlock(part.data) } : undefined;
}

/**
 * Checks a new question's attachments (throws `bad_request:attachment` / `payload_too_large:attachment`
 * with `detail.reason`) and returns its parts with attachments first, sizes recomputed and MIME types
 * normalised, so the model reads the files before the question.
 */
export function prepareQuestionParts<P extends { type: string }>(parts: P[]): P[] {
  const attachments = parts.filter((p) => isAttachmentPart(p)) as unknown as AttachmentPart[];
  if (attachments.length > ATTACHMENT_LIMITS.maxFiles) {
    throw new AppError("payload_too_large:attachment", { reason: "too_many", limit: ATTACHMENT_LIMITS.maxFiles });
  }
  let total = 0;
  const checked = attachments.map((part) => {
    const { name, mediaType, text } = part.data;
    if (isImage(name, mediaType)) throw new AppError("bad_request:attachment", { reason: "image", name });
    if (!isAllowedType(name, mediaType)) throw new AppError("bad_request:attachment", { reason: "unsupported", name });
    if (textLooksBinary(text)) throw new AppError("bad_request:attachment", { reason: "binary", name });
    if (!text.trim()) throw new AppError("bad_request:attachment", { reason: "empty", name });
    const size = utf8Bytes(text);
    if (size > ATTACHMENT_LIMITS.maxFileBytes) {
      throw new AppError("payload_too_large:attachment", { reason: "too_large", name, limit: ATTACHMENT_LIMITS.maxFileBytes });
    }
    total += size;
    const data: Attachment = { name, mediaType: textMediaType(mediaType), size, text, ...(part.data.source ? { source: part.data.source } : {}) };
    return { ...part, data } as unknown as P;
  });
  if (total > ATTACHMENT_LIMITS.maxTotalBytes) {
    throw new AppError("payload_too_large:attachment", { reason: "total_too_large", limit: ATTACHMENT_LIMITS.maxTotalBytes });
  }
  return [...checked, ...parts.filter((p) => !isAttachmentPart(p))];
}

/** Messages with attachments as the text the model reads (for token estimates when DeepSeek reports no usage). */
export function withAttachmentText<M extends { parts: readonly { type: string }[] }>(messages: readonly M[]): Array<{ parts: unknown[] }> {
  return messages.map((m) => ({ parts: m.parts.map((p) => attachmentToModelPart(p) ?? p) }));
}

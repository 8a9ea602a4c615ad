// Text attachments: one set of limits, checked in the composer (clear messages before upload) and
// again on the server (stable error codes). The chat request body is capped at 1 MiB (app/api/chat),
// so the total leaves room for the question itself.
export const ATTACHMENT_LIMITS = {
  /** Files per message. */
  maxFiles: 10,
  /** UTF-8 bytes per file. */
  maxFileBytes: 256 * 1024,
  /** UTF-8 bytes of all files of one message. */
  maxTotalBytes: 768 * 1024,
  /** A paste longer than this (characters) becomes a "Pasted text" attachment. */
  pasteThresholdChars: 4_000,
} as const;

export const ATTACHMENT_PART = "data-attachment" as const;

/** What is stored with the message (an AI SDK data part `data-attachment`) and exported. */
export type Attachment = {
  name: string;
  mediaType: string;
  /** UTF-8 bytes of `text`. */
  size: number;
  text: string;
  /** `paste`: long pasted text turned into an attachment. */
  source?: "file" | "paste";
};
export type AttachmentPart = { type: typeof ATTACHMENT_PART; id?: string; data: Attachment };

export function isAttachmentPart(part: { type: string }): part is AttachmentPart {
  return part.type === ATTACHMENT_PART && typeof (part as AttachmentPart).data?.text === "string";
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** "12.3 KB", "512 B": sizes on chips. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

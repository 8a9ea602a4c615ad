import { describe, expect, it } from "vitest";
import { attachmentToModelPart, fileBlock, prepareQuestionParts, withAttachmentText } from "@/lib/attachments/context";
import { checkFile, decodeText, fitsWith, isAllowedType, isImage } from "@/lib/attachments/detect";
import { ATTACHMENT_LIMITS, formatBytes, type AttachmentPart } from "@/lib/attachments/limits";
import { AppError } from "@/lib/errors";
import { markdownMessage } from "@/lib/portability/serialize";

const bytes = (s: string) => new TextEncoder().encode(s);
const part = (name: string, text: string, mediaType = "text/plain"): AttachmentPart => ({
  type: "data-attachment",
  data: { name, mediaType, size: 0, text },
});
function codeOf(fn: () => unknown): { code: string; detail: unknown } | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, detail: e.detail };
    throw e;
  }
  return undefined;
}

describe("binary detection", () => {
  it("accepts UTF-8 text including Chinese, emoji, tabs and ANSI escapes", () => {
    expect(decodeText(bytes("const x = 1;\n\t// 注释 🎉\n\u001b[31mred\u001b[0m\n"))).toContain("注释");
    expect(decodeText(bytes("\uFEFFwith a BOM"))).toBe("with a BOM");
  });
  it("refuses NUL bytes, invalid UTF-8 and control-character soup", () => {
    expect(decodeText(new Uint8Array([0x68, 0x69, 0x00, 0x21]))).toBeNull();
    expect(decodeText(new Uint8Array([0x68, 0xc3, 0x28, 0x21]))).toBeNull(); // invalid 2-byte sequence
    expect(decodeText(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBeNull(); // a JPEG header
    expect(decodeText(bytes("\u0001\u0002\u0003\u0004abc"))).toBeNull();
  });
  it("checks type by extension and MIME type, images apart", () => {
    expect(isAllowedType("main.rs", "")).toBe(true);
    expect(isAllowedType("data.bin", "application/octet-stream")).toBe(false);
    expect(isAllowedType("report.pdf", "application/pdf")).toBe(false);
    expect(isAllowedType("notes", "text/plain")).toBe(true);
    expect(isAllowedType("Makefile", "")).toBe(true);
    expect(isAllowedType("config.weird", "application/json")).toBe(true);
    expect(isImage("photo.PNG", "")).toBe(true);
    expect(isImage("x", "image/webp")).toBe(true);
    expect(isAllowedType("photo.png", "image/png")).toBe(false);
  });
  it("classifies a picked file", () => {
    expect(checkFile({ name: "a.ts", type: "video/mp2t", bytes: bytes("export {}") })).toMatchObject({
      ok: true,
      attachment: { name: "a.ts", mediaType: "text/plain", size: 9, source: "file" },
    });
    expect(checkFile({ name: "cat.jpg", type: "image/jpeg", bytes: new Uint8Array([0xff, 0xd8]) })).toEqual({ ok: false, reason: "image" });
    expect(checkFile({ name: "a.zip", type: "application/zip", bytes: bytes("PK") })).toEqual({ ok: false, reason: "unsupported" });
    expect(checkFile({ name: "fake.txt", type: "text/plain", bytes: new Uint8Array([1, 0, 2]) })).toEqual({ ok: false, reason: "binary" });
    expect(checkFile({ name: "big.txt", type: "text/plain", bytes: new Uint8Array(ATTACHMENT_LIMITS.maxFileBytes + 1).fill(97) })).toEqual({ ok: false, reason: "too_large" });
    expect(checkFile({ name: "blank.md", type: "", bytes: bytes("  \n") })).toEqual({ ok: false, reason: "empty" });
  });
});

describe("limits", () => {
  it("counts files and total bytes", () => {
    const one = { size: 1 };
    expect(fitsWith(Array(ATTACHMENT_LIMITS.maxFiles - 1).fill(one), 1)).toBeNull();
    expect(fitsWith(Array(ATTACHMENT_LIMITS.maxFiles).fill(one), 1)).toBe("too_many");
    expect(fitsWith([{ size: ATTACHMENT_LIMITS.maxTotalBytes - 10 }], 11)).toBe("total_too_large");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(ATTACHMENT_LIMITS.maxFileBytes)).toBe("256 KB");
  });
  it("are enforced on the server with stable codes", () => {
    const text = (n: number) => "a".repeat(n);
    expect(codeOf(() => prepareQuestionParts(Array.from({ length: 11 }, (_, i) => part(`f${i}.txt`, "x"))))).toMatchObject({
      code: "payload_too_large:attachment",
      detail: { reason: "too_many" },
    });
    expect(codeOf(() => prepareQuestionParts([part("big.txt", text(ATTACHMENT_LIMITS.maxFileBytes + 1))]))).toMatchObject({
      code: "payload_too_large:attachment",
      detail: { reason: "too_large", name: "big.txt" },
    });
    const quarter = text(ATTACHMENT_LIMITS.maxFileBytes);
    expect(codeOf(() => prepareQuestionParts([1, 2, 3, 4].map((i) => part(`p${i}.txt`, quarter))))).toMatchObject({
      code: "payload_too_large:attachment",
      detail: { reason: "total_too_large" },
    });
    expect(codeOf(() => prepareQuestionParts([part("x.png", "abc", "image/png")]))).toMatchObject({ code: "bad_request:attachment", detail: { reason: "image" } });
    expect(codeOf(() => prepareQuestionParts([part("x.exe", "abc", "application/x-msdownload")]))).toMatchObject({ detail: { reason: "unsupported" } });
    expect(codeOf(() => prepareQuestionParts([part("x.txt", "a\u0000b")]))).toMatchObject({ code: "bad_request:attachment", detail: { reason: "binary" } });
    expect(new AppError("payload_too_large:attachment").status).toBe(413);
  });
  it("puts attachments first and recomputes their size", () => {
    const parts = prepareQuestionParts([{ type: "text", text: "review this" } as never, { ...part("中.md", "你好"), data: { ...part("中.md", "你好").data, size: 1 } }]);
    expect(parts.map((p) => (p as { type: string }).type)).toEqual(["data-attachment", "text"]);
    expect((parts[0] as AttachmentPart).data).toMatchObject({ size: 6, mediaType: "text/plain" });
  });
});

describe("model context", () => {
  it("wraps each file in a named block; quotes in names are escaped", () => {
    expect(fileBlock({ name: "src/a.ts", text: "let a = 1;" })).toBe('<file name="src/a.ts">\nlet a = 1;\n</file>\n\n');
    expect(fileBlock({ name: 'x".txt', text: "ends\n" })).toBe('<file name="x&quot;.txt">\nends\n</file>\n\n');
    expect(attachmentToModelPart(part("n.txt", "hi"))).toEqual({ type: "text", text: '<file name="n.txt">\nhi\n</file>\n\n' });
    expect(attachmentToModelPart({ type: "data-upstream" })).toBeUndefined();
    // Token estimates (no usage from DeepSeek) count the files as the model read them.
    expect(withAttachmentText([{ parts: [part("n.txt", "hi"), { type: "text", text: "q" }] }])).toEqual([
      { parts: [{ type: "text", text: '<file name="n.txt">\nhi\n</file>\n\n' }, { type: "text", text: "q" }] },
    ]);
  });
});

describe("Markdown export", () => {
  it("prints each attachment under its name in a fence longer than any inside it", () => {
    const labels = { you: "You", assistant: "DeepSeek", system: "System", reasoning: "Reasoning", model: "Model", created: "Created" };
    const md = markdownMessage({ role: "user", parts: [part("a.md", "```js\nx\n```\n"), { type: "text", text: "look" }], createdAt: new Date(0) }, labels, false);
    expect(md).toContain("📎 a.md\n\n````\n```js\nx\n```\n````\n\nlook");
  });
});

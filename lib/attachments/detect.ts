import { ATTACHMENT_LIMITS, type Attachment, utf8Bytes } from "./limits";

// Which files are text: an allowlist of extensions and MIME types, and the content itself (NUL
// bytes, invalid UTF-8 or many control characters mean binary, whatever the name says).

const TEXT_EXTENSIONS = new Set(
  (
    "txt text md markdown mdx rst adoc org tex csv tsv json jsonc json5 jsonl ndjson yaml yml toml ini cfg conf config env properties " +
    "xml html htm xhtml css scss sass less styl js jsx mjs cjs ts tsx mts cts vue svelte astro py pyi ipynb rb go rs java kt kts scala groovy gradle " +
    "c h cc cpp cxx hh hpp hxx cs fs fsx vb swift m mm php pl pm sh bash zsh fish ps1 psm1 bat cmd sql graphql gql proto thrift " +
    "lua r jl dart ex exs erl hrl hs elm clj cljs edn ml mli nim zig v sol tf hcl nix cmake mk dockerfile makefile " +
    "log diff patch gitignore gitattributes editorconfig npmrc lock srt vtt bib"
  ).split(/\s+/),
);
const TEXT_MIME = /^(text\/.+|application\/(json|ld\+json|x-ndjson|xml|javascript|x-javascript|typescript|x-typescript|x-sh|x-shellscript|x-yaml|yaml|toml|x-toml|sql|graphql|x-httpd-php|x-python|x-ruby|x-perl|x-tex|x-latex|x-sql))$/i;
const IMAGE_EXTENSIONS = new Set("png jpg jpeg gif webp bmp ico tif tiff heic heif avif svg".split(" "));
// Names without an extension that are conventionally text.
const TEXT_NAMES = new Set("dockerfile makefile readme license licence changelog procfile gemfile rakefile vagrantfile jenkinsfile".split(" "));

export type RefusalReason = "image" | "unsupported" | "binary" | "too_large" | "too_many" | "total_too_large" | "empty";

function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf(".");
  return dot > 0 || (dot === 0 && base.length > 1) ? base.slice(dot + 1).toLowerCase() : "";
}

export function isImage(name: string, mediaType: string): boolean {
  return mediaType.toLowerCase().startsWith("image/") || IMAGE_EXTENSIONS.has(extensionOf(name));
}

/** Allowed by name or MIME type (content is checked separately). */
export function isAllowedType(name: string, mediaType: string): boolean {
  if (isImage(name, mediaType)) return false;
  const ext = extensionOf(name);
  if (ext && TEXT_EXTENSIONS.has(ext)) return true;
  if (TEXT_MIME.test(mediaType.split(";")[0]!.trim())) return true;
  const base = (name.split(/[\\/]/).pop() ?? name).toLowerCase();
  // No extension and no MIME type (common for Makefile, LICENSE, scripts): let the content decide.
  return !ext && (TEXT_NAMES.has(base) || !mediaType);
}

/** The MIME type stored with the attachment: the browser's when it is a text type, else text/plain. */
export function textMediaType(mediaType: string): string {
  const base = mediaType.split(";")[0]!.trim().toLowerCase();
  return TEXT_MIME.test(base) ? base : "text/plain";
}

function controlRatio(text: string): number {
  let control = 0;
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // Tab, LF, VT, FF, CR and ESC (ANSI colours in logs) are normal in text files.
    if ((c < 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 27) || c === 0x7f) control++;
  }
  return sample.length ? control / sample.length : 0;
}

/** Text content that still looks binary (NUL, many control characters). */
export function textLooksBinary(text: string): boolean {
  return text.includes("\u0000") || controlRatio(text) > 0.1;
}

/** Decode file bytes as UTF-8 text, or null when they are binary (NUL bytes, invalid UTF-8). */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  let text: string;
  try {
    // `fatal` turns invalid UTF-8 into an exception instead of U+FFFD replacement characters.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
  return textLooksBinary(text) ? null : text;
}

export type Checked = { ok: true; attachment: Attachment } | { ok: false; reason: RefusalReason };

/** One file picked, dropped or pasted in the composer. */
export function checkFile(file: { name: string; type: string; bytes: Uint8Array }): Checked {
  if (isImage(file.name, file.type)) return { ok: false, reason: "image" };
  if (!isAllowedType(file.name, file.type)) return { ok: false, reason: "unsupported" };
  if (file.bytes.length > ATTACHMENT_LIMITS.maxFileBytes) return { ok: false, reason: "too_large" };
  const text = decodeText(file.bytes);
  if (text === null) return { ok: false, reason: "binary" };
  if (!text.trim()) return { ok: false, reason: "empty" };
  return { ok: true, attachment: { name: file.name, mediaType: textMediaType(file.type), size: utf8Bytes(text), text, source: "file" } };
}

/** Whether one more attachment of `size` bytes fits next to `current` ones. */
export function fitsWith(current: readonly Pick<Attachment, "size">[], size: number): RefusalReason | null {
  if (current.length >= ATTACHMENT_LIMITS.maxFiles) return "too_many";
  const total = current.reduce((n, a) => n + a.size, 0);
  return total + size > ATTACHMENT_LIMITS.maxTotalBytes ? "total_too_large" : null;
}

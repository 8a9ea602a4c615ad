import { JSONParser } from "@streamparser/json";
import { convertChatGptConversation } from "./convert/chatgpt";
import { ConvertError, type ConvertOptions } from "./convert/common";
import { convertLobeGroup, groupLobeState, lobeSchemas, type LobeMessage, type LobeSession, type LobeTopic } from "./convert/lobechat";
import { convertNextChatSession, NEXTCHAT_STORE_KEY } from "./convert/nextchat";
import { SHOAL_FORMAT, SHOAL_FORMAT_VERSION, shoalChatSchema, type ConvertedChat, type ImportSource, type ShoalChat } from "./format";

/** A whole-file problem: the import stops here (chats already written stay, each one complete). */
export class ImportFileError extends Error {
  constructor(
    readonly reason: "empty_file" | "unknown_format" | "malformed_json" | "unsupported_version" | "missing_header" | "too_large",
    readonly detail?: Record<string, unknown>,
  ) {
    super(reason);
  }
}

export type ReadItem =
  | { kind: "chat"; index: number; converted: ConvertedChat }
  | { kind: "invalid"; index: number; title: string; detail: string }
  | { kind: "progress"; bytes: number };

const HEAD_BYTES = 4096;

/** Which format a file is, from its first bytes. */
export function detectFormat(head: string): ImportSource {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (!text) throw new ImportFileError("empty_file");
  if (text.startsWith("[")) return "chatgpt";
  if (text.startsWith("{")) {
    if (/"format"\s*:\s*"shoal-export"/.test(text)) return "shoal";
    if (text.includes(`"${NEXTCHAT_STORE_KEY}"`)) return "nextchat";
    if (/"exportType"\s*:|"state"\s*:\s*\{\s*"(sessions|messages|topics|sessionGroups)"/.test(text)) return "lobechat";
  }
  throw new ImportFileError("unknown_format");
}

const PATHS: Record<ImportSource, string[]> = {
  shoal: ["$.format", "$.version", "$.chats.*"],
  chatgpt: ["$.*"],
  nextchat: [`$.${NEXTCHAT_STORE_KEY}.sessions.*`],
  lobechat: ["$.state.sessions.*", "$.state.topics.*", "$.state.messages.*"],
};

function titleOf(value: unknown): string {
  if (typeof value !== "object" || value === null) return "";
  const v = value as Record<string, unknown>;
  const t = v.title ?? v.topic;
  return typeof t === "string" ? t.slice(0, 200) : "";
}

/**
 * Streams a file's chats: detects the format from the first bytes, parses incrementally (memory stays
 * proportional to the largest chat, except LobeChat whose messages must be grouped first), and yields
 * each chat converted to the Shoal format, or why it is invalid, plus byte progress.
 */
export async function* readChats(
  body: AsyncIterable<Uint8Array>,
  opts: ConvertOptions & { maxBytes: number; onFormat?: (format: ImportSource) => void },
): AsyncGenerator<ReadItem> {
  const iterator = body[Symbol.asyncIterator]();
  try {
    yield* readFrom(iterator, opts);
  } catch (e) {
    // Read the rest of an unusable upload (unless it is too large) so the server answers after the
    // client has finished sending: an answer mid-upload makes HTTP clients see a reset connection.
    if (e instanceof ImportFileError && e.reason !== "too_large") {
      for (let next = await iterator.next(); !next.done; next = await iterator.next());
    }
    throw e;
  }
}

type ReadOptions = ConvertOptions & { maxBytes: number; onFormat?: (format: ImportSource) => void };

async function* readFrom(iterator: AsyncIterator<Uint8Array>, opts: ReadOptions): AsyncGenerator<ReadItem> {
  const pending: Uint8Array[] = [];
  let headLength = 0;
  while (headLength < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    pending.push(next.value);
    headLength += next.value.byteLength;
  }
  const headBytes = Buffer.concat(pending).subarray(0, HEAD_BYTES);
  const format = detectFormat(new TextDecoder().decode(headBytes));
  opts.onFormat?.(format);

  const parser = new JSONParser({ paths: PATHS[format], keepStack: false, stringBufferSize: 64 * 1024 });
  const queue: ReadItem[] = [];
  const header: { format?: unknown; version?: unknown } = {};
  const lobe = { sessions: [] as LobeSession[], topics: [] as LobeTopic[], messages: [] as LobeMessage[] };
  let index = 0;
  let lobeInvalid = 0;

  const convert = (value: unknown, fn: () => ConvertedChat) => {
    const i = index++;
    try {
      queue.push({ kind: "chat", index: i, converted: fn() });
    } catch (e) {
      if (!(e instanceof ConvertError)) throw e;
      queue.push({ kind: "invalid", index: i, title: titleOf(value), detail: e.message });
    }
  };

  parser.onValue = ({ value, key, stack }) => {
    if (format === "shoal") {
      if (stack.length === 1 && (key === "format" || key === "version")) {
        header[key] = value;
        if (key === "format" && value !== SHOAL_FORMAT) throw new ImportFileError("unknown_format");
        if (key === "version" && value !== SHOAL_FORMAT_VERSION) throw new ImportFileError("unsupported_version", { version: value });
        return;
      }
      if (header.format !== SHOAL_FORMAT || header.version !== SHOAL_FORMAT_VERSION) throw new ImportFileError("missing_header");
      return convert(value, () => {
        const parsed = shoalChatSchema.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new ConvertError(`${issue.path.join(".")}: ${issue.message}`);
        }
        // The validated value itself, not zod's copy: zod reorders keys of loose objects, and a
        // round trip should reproduce the file byte for byte.
        return { chat: value as ShoalChat, notes: [] };
      });
    }
    if (format === "chatgpt") return convert(value, () => convertChatGptConversation(value, opts));
    if (format === "nextchat") return convert(value, () => convertNextChatSession(value, opts));
    const list = stack.at(-1)?.key as "sessions" | "topics" | "messages";
    const parsed = lobeSchemas[list === "sessions" ? "session" : list === "topics" ? "topic" : "message"].safeParse(value);
    if (parsed.success) (lobe[list] as unknown[]).push(parsed.data);
    else lobeInvalid++;
  };

  const feed = (chunk: Uint8Array) => {
    try {
      parser.write(chunk);
    } catch (e) {
      if (e instanceof ImportFileError) throw e;
      throw new ImportFileError("malformed_json", { message: (e as Error).message.slice(0, 200), nearByte: bytes });
    }
  };

  let bytes = 0;
  let reported = 0;
  const chunks = async function* () {
    yield* pending;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  };
  for await (const chunk of chunks()) {
    bytes += chunk.byteLength;
    if (bytes > opts.maxBytes) throw new ImportFileError("too_large", { maxBytes: opts.maxBytes });
    feed(chunk);
    while (queue.length) yield queue.shift()!;
    if (bytes - reported >= 256 * 1024) {
      reported = bytes;
      yield { kind: "progress", bytes };
    }
  }
  if (!parser.isEnded) {
    try {
      parser.end();
    } catch (e) {
      throw new ImportFileError("malformed_json", { message: (e as Error).message.slice(0, 200), nearByte: bytes });
    }
  }
  while (queue.length) yield queue.shift()!;
  if (format === "shoal" && (header.format === undefined || header.version === undefined)) throw new ImportFileError("missing_header");
  if (format === "lobechat") {
    if (lobeInvalid > 0 && lobe.messages.length === 0) throw new ImportFileError("unknown_format");
    for (const group of groupLobeState(lobe)) convert(group, () => convertLobeGroup(group, opts));
    while (queue.length) yield queue.shift()!;
  }
  yield { kind: "progress", bytes };
}

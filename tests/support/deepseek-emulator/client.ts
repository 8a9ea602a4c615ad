// Small helpers for tests that talk to the emulator directly with fetch.

export type ChatOptions = {
  /** API key; null sends no Authorization header. Default "sk-test". */
  key?: string | null;
  /** default "/chat/completions" */
  path?: string;
  signal?: AbortSignal;
};

/** POST a chat request; `body` objects are JSON-serialised, strings are sent verbatim. */
export function postChat(baseUrl: string, body: unknown, opts: ChatOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const key = opts.key === undefined ? "sk-test" : opts.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  return fetch(baseUrl + (opts.path ?? "/chat/completions"), {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: opts.signal,
  });
}

export type ParsedSse = {
  /** `: …` comment lines in arrival order, e.g. "keep-alive" */
  comments: string[];
  /** raw `data:` payloads, including "[DONE]" */
  data: string[];
  /** parsed JSON chunks (every data payload except [DONE]) */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  chunks: any[];
  done: boolean;
  /** order of events: "comment" | "data" */
  order: Array<"comment" | "data">;
};

export function parseSse(text: string): ParsedSse {
  const out: ParsedSse = { comments: [], data: [], chunks: [], done: false, order: [] };
  for (const block of text.split("\n\n")) {
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) {
        out.comments.push(line.slice(1).trim());
        out.order.push("comment");
      } else if (line.startsWith("data: ")) {
        const payload = line.slice("data: ".length);
        out.data.push(payload);
        out.order.push("data");
        if (payload === "[DONE]") out.done = true;
        else out.chunks.push(JSON.parse(payload));
      }
    }
  }
  return out;
}

/** Read a response body to the end; a mid-stream disconnect is returned as `error` instead of thrown. */
export async function readAll(res: Response): Promise<{ text: string; error?: Error }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return { text };
  } catch (error) {
    return { text, error: error as Error };
  }
}

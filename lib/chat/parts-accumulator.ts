import type { UIMessageChunk } from "ai";

type TextLike = { type: "text" | "reasoning"; id?: string; text: string; state: "streaming" | "done"; providerMetadata?: unknown };
type Part = TextLike | { type: "step-start" } | Record<string, unknown>;

/**
 * The assistant message's parts, built from its UI message chunks as they pass through, for the
 * progress checkpoints and for the saved answer, however it ends. It mirrors what the AI SDK's
 * `readUIMessageStream` builds for the chunk types a chat answer carries (steps, text, reasoning,
 * files, sources) without its per-chunk deep copy and second stream: the relay of every token stays
 * one pass. Transient data parts are not stored.
 */
export class PartsAccumulator {
  readonly parts: Part[] = [];
  // Open text and reasoning parts by their stream id (separate maps: no key built per token).
  private readonly open = { text: new Map<string, TextLike>(), reasoning: new Map<string, TextLike>() };
  /** Bumped on every change, so a checkpoint can tell whether anything new arrived. */
  version = 0;

  push(chunk: UIMessageChunk): void {
    switch (chunk.type) {
      case "start-step":
        this.parts.push({ type: "step-start" });
        break;
      case "text-start":
      case "reasoning-start": {
        const kind = chunk.type === "text-start" ? "text" : "reasoning";
        const part: TextLike =
          kind === "reasoning"
            ? { type: kind, id: chunk.id, text: "", providerMetadata: chunk.providerMetadata, state: "streaming" }
            : { type: kind, text: "", providerMetadata: chunk.providerMetadata, state: "streaming" };
        this.open[kind].set(chunk.id, part);
        this.parts.push(part);
        break;
      }
      case "text-delta":
      case "reasoning-delta": {
        const part = this.open[chunk.type === "text-delta" ? "text" : "reasoning"].get(chunk.id);
        if (!part) return;
        part.text += chunk.delta;
        if (chunk.providerMetadata) part.providerMetadata = chunk.providerMetadata;
        break;
      }
      case "text-end":
      case "reasoning-end": {
        const open = this.open[chunk.type === "text-end" ? "text" : "reasoning"];
        const part = open.get(chunk.id);
        if (!part) return;
        part.state = "done";
        if (chunk.providerMetadata) part.providerMetadata = chunk.providerMetadata;
        open.delete(chunk.id);
        break;
      }
      case "file":
        this.parts.push({ type: "file", mediaType: chunk.mediaType, url: chunk.url, ...(chunk.providerMetadata ? { providerMetadata: chunk.providerMetadata } : {}) });
        break;
      case "source-url":
        this.parts.push({ type: "source-url", sourceId: chunk.sourceId, url: chunk.url, title: chunk.title, providerMetadata: chunk.providerMetadata });
        break;
      default:
        return;
    }
    this.version++;
  }

  /** A copy safe to hand to an async write while more chunks arrive. */
  snapshot(): Part[] {
    return this.parts.map((p) => ({ ...p }));
  }
}

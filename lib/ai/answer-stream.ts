import type { createDeepSeek } from "@ai-sdk/deepseek";
import type { ModelMessage, UIMessageChunk } from "ai";

// The provider's own types, taken from @ai-sdk/deepseek's model (the AI SDK language model spec).
export type Model = ReturnType<ReturnType<typeof createDeepSeek>>;
export type CallOptions = Parameters<Model["doStream"]>[0];
type Prompt = CallOptions["prompt"];
type PromptMessage = Prompt[number];
export type StreamPart = Awaited<ReturnType<Model["doStream"]>>["stream"] extends ReadableStream<infer P> ? P : never;
type Finish = Extract<StreamPart, { type: "finish" }>;
export type ProviderUsage = Finish["usage"];

/**
 * The model messages (from `convertToModelMessages`) as the provider's prompt, the same conversion
 * the AI SDK's `streamText` makes for a chat: system, user and assistant messages whose parts are
 * text and reasoning (attachments are text by then). Anything else is refused, not dropped.
 */
export function toProviderPrompt(system: string | undefined, messages: readonly ModelMessage[]): Prompt {
  const prompt: PromptMessage[] = system ? [{ role: "system", content: system }] : [];
  for (const message of messages) {
    const { providerOptions } = message;
    switch (message.role) {
      case "system":
        prompt.push({ role: "system", content: message.content, providerOptions });
        break;
      case "user": {
        const parts = typeof message.content === "string" ? [{ type: "text" as const, text: message.content }] : message.content;
        const content = parts.map((p) => {
          if (p.type !== "text") throw new Error(`Unsupported user content part: ${p.type}`);
          return { type: "text" as const, text: p.text, providerOptions: p.providerOptions };
        });
        prompt.push({ role: "user", content: content.filter((p) => p.text !== ""), providerOptions });
        break;
      }
      case "assistant": {
        const parts = typeof message.content === "string" ? [{ type: "text" as const, text: message.content }] : message.content;
        const content = parts
          .filter((p) => p.type !== "text" || p.text !== "" || p.providerOptions != null)
          .map((p) => {
            if (p.type !== "text" && p.type !== "reasoning") throw new Error(`Unsupported assistant content part: ${p.type}`);
            return { type: p.type, text: p.text, providerOptions: p.providerOptions };
          });
        prompt.push({ role: "assistant", content, providerOptions });
        break;
      }
      default:
        throw new Error(`Unsupported message role: ${message.role}`);
    }
  }
  return prompt;
}

/** A request to DeepSeek already on its way: relayAnswer reads it, or it is cancelled through its signal. */
export type OpenedAnswer = { response: Promise<Awaited<ReturnType<Model["doStream"]>>>; signal: AbortSignal | undefined };

/**
 * Sends the request now. A failure is reported when the answer is relayed (as `failed`); an answer
 * that is never relayed is cancelled through the call's abort signal, so its failure is not unhandled.
 */
export function openAnswer(model: Model, call: CallOptions): OpenedAnswer {
  const response = (async () => model.doStream(call))();
  response.catch(() => {});
  return { response, signal: call.abortSignal };
}

export type AnswerEnd =
  | { outcome: "finished"; finishReason: string; usage: ProviderUsage | undefined; errors: unknown[] }
  | { outcome: "aborted" }
  | { outcome: "failed"; error: unknown };

/**
 * One answer from the provider, relayed as UI message chunks: the chunks the AI SDK's `streamText`
 * + `toUIMessageStream` send for a chat answer (start, start-step, text and reasoning parts,
 * in-stream errors, finish-step, finish, or abort), mapped straight from the provider's stream parts.
 * Each token crosses no stream stage of ours; the SDK's dozen stages per answer are what the held
 * streams' memory went to (bench/analysis.md). `send` gets every chunk; the finish chunk's metadata
 * is asked for when the usage is known. Never throws: a broken stream ends as `failed`.
 * The start and start-step chunks are sent synchronously, before the first await.
 */
export async function relayAnswer({
  answer,
  messageId,
  startMetadata,
  finishMetadata,
  errorText,
  send,
  onPart,
}: {
  answer: OpenedAnswer;
  messageId: string;
  startMetadata: unknown;
  finishMetadata: (end: { finishReason: string; usage: ProviderUsage | undefined }) => unknown;
  errorText: (error: unknown) => string;
  send: (chunk: UIMessageChunk) => void;
  onPart?: (type: StreamPart["type"]) => void;
}): Promise<AnswerEnd> {
  const abort = (): AnswerEnd => {
    send({ type: "abort" });
    return { outcome: "aborted" };
  };
  send({ type: "start", messageId, messageMetadata: startMetadata });
  send({ type: "start-step" });
  const errors: unknown[] = [];
  let finish: Finish | undefined;
  try {
    const { stream } = await answer.response;
    const reader = stream.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      const part = next.value;
      onPart?.(part.type);
      switch (part.type) {
        case "text-start":
        case "text-end":
        case "reasoning-start":
        case "reasoning-end":
          send(part.providerMetadata ? { type: part.type, id: part.id, providerMetadata: part.providerMetadata } : { type: part.type, id: part.id });
          break;
        case "text-delta":
        case "reasoning-delta":
          send(
            part.providerMetadata
              ? { type: part.type, id: part.id, delta: part.delta, providerMetadata: part.providerMetadata }
              : { type: part.type, id: part.id, delta: part.delta },
          );
          break;
        case "error":
          // DeepSeek reported an error inside the stream; the answer still ends with its finish part.
          errors.push(part.error);
          send({ type: "error", errorText: errorText(part.error) });
          break;
        case "finish":
          finish = part;
          break;
        // stream-start, response-metadata, raw; a chat answer has no tools, files or sources.
      }
    }
  } catch (error) {
    return answer.signal?.aborted ? abort() : { outcome: "failed", error };
  }
  if (answer.signal?.aborted && !finish) return abort();
  const finishReason = finish?.finishReason.unified ?? "other";
  const usage = finish?.usage;
  send({ type: "finish-step" });
  send({ type: "finish", finishReason: finishReason as Finish["finishReason"]["unified"], messageMetadata: finishMetadata({ finishReason, usage }) });
  return { outcome: "finished", finishReason, usage, errors };
}

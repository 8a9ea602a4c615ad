import "server-only";
import type { Model } from "@/lib/ai/answer-stream";
import { getDeepSeek } from "@/lib/ai/provider";
import { setAutoTitle } from "@/lib/db/queries/chats";
import { titleFromText } from "./title";

const MAX_TITLE_CHARS = 60;
const SYSTEM = [
  "You name conversations.",
  "Reply with a short title (at most 6 words) for the conversation below, in the language of the user's question.",
  "Reply with the title only: no quotes, no punctuation at the end, no explanation.",
].join(" ");

/** A model's title reply → one clean line, or "" when nothing usable is left. */
export function cleanTitle(raw: string): string {
  const line =
    raw
      .replace(/<think>[\s\S]*?<\/think>/gi, "")
      .split("\n")
      .map((l) => l.trim())
      .find(Boolean) ?? "";
  const clean = line
    .replace(/^(title|标题)\s*[:：]\s*/i, "")
    .replace(/[*_`#>]+/g, "")
    .replace(/[.。!！]+$/u, "")
    .replace(/^["'“”‘’「」《》]+|["'“”‘’「」《》]+$/g, "")
    .replace(/[.。!！]+$/u, "")
    .replace(/\s+/g, " ")
    .trim();
  return clean.length > MAX_TITLE_CHARS ? titleFromText(clean, MAX_TITLE_CHARS) : clean;
}

/**
 * One short, non-thinking completion: thinking disabled (a reasoning model with a tiny budget
 * spends it all on reasoning and returns nothing), only the answer text is read (never
 * reasoning), and any failure falls back to the first words of the question. It asks the
 * provider's model directly (`doGenerate`), as the answers do (`doStream`, lib/ai/answer-stream.ts):
 * `generateText` would add ≈ 0.9 ms of CPU per title for machinery a single completion does not
 * use (bench/analysis.md). Retries, if any, happen in the provider's fetch (lib/ai/upstream-fetch.ts).
 */
export async function generateTitle({
  model,
  question,
  answer,
  signal,
}: {
  model: Model;
  question: string;
  answer: string;
  signal?: AbortSignal;
}): Promise<string> {
  const fallback = titleFromText(question);
  try {
    const { content } = await model.doGenerate({
      prompt: [
        { role: "system", content: SYSTEM },
        { role: "user", content: [{ type: "text", text: `Question:\n${question.slice(0, 2000)}\n\nAnswer:\n${answer.slice(0, 1000)}` }] },
      ],
      maxOutputTokens: 32,
      abortSignal: signal ?? AbortSignal.timeout(15_000),
      providerOptions: { deepseek: { thinking: { type: "disabled" } } },
    });
    const text = content.map((part) => (part.type === "text" ? part.text : "")).join("");
    return cleanTitle(text) || fallback;
  } catch {
    return fallback;
  }
}

/**
 * Titles a chat after its first exchange. A title the user typed meanwhile wins: the update only
 * applies while the chat's titleSource is still "auto". Returns the title set, or null.
 */
export async function autoTitleChat({
  chatId,
  question,
  answer,
  modelId = "deepseek-flash",
}: {
  chatId: string;
  question: string;
  answer: string;
  modelId?: string;
}): Promise<string | null> {
  const title = await generateTitle({ model: getDeepSeek()(modelId), question, answer });
  return (await setAutoTitle({ id: chatId, title })) ? title : null;
}

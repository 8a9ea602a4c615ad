import type { UIMessage } from "ai";

// Shared by server and client: the shape of a stored chat message as the UI sees it.
export type MessageStatus = "streaming" | "complete" | "stopped" | "error" | "interrupted";
export type MessageUsage = {
  inputCacheHitTokens?: number | null;
  inputCacheMissTokens?: number | null;
  outputTokens?: number | null;
  reasoningTokens?: number | null;
};
export type { BranchInfo } from "./branches";
import type { BranchInfo } from "./branches";

export type StoredMessageMeta = {
  status: MessageStatus;
  model?: string | null;
  errorCode?: string | null;
  finishReason?: string | null;
  usage?: MessageUsage;
  createdAt: string;
  /** This message's place among its siblings (regenerated answers, edited questions). */
  branch?: BranchInfo;
  /** How long the model thought, when it did. */
  reasoningMs?: number | null;
};
export type ChatUIMessage = UIMessage<StoredMessageMeta>;

export type PublicModel = {
  id: string;
  label: string;
  thinking: "toggle" | "always" | "never";
  supportsEffort: boolean;
};
export type ChatSettings = { model: string; thinking: boolean; reasoningEffort: string | null };

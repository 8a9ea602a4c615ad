import "server-only";
import { listAvailableModels } from "@/lib/ai/model-list";
import { isDeepSeekConfigured } from "@/lib/ai/provider";
import type { PublicModel } from "./types";

/** What every chat page needs besides the thread: the visible models and whether DeepSeek is set up. */
export async function getChatPageContext(): Promise<{ models: PublicModel[]; configured: boolean }> {
  const models = await listAvailableModels();
  return {
    configured: isDeepSeekConfigured(),
    models: models.map(({ id, label, thinking, supportsEffort }) => ({ id, label, thinking, supportsEffort })),
  };
}

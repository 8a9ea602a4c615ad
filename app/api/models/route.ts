import { listAvailableModels } from "@/lib/ai/model-list";
import { isDeepSeekConfigured } from "@/lib/ai/provider";
import { withUser } from "@/lib/http";

export const GET = withUser(async () => {
  const models = await listAvailableModels();
  return Response.json({
    configured: isDeepSeekConfigured(),
    models: models.map(({ id, label, thinking, supportsEffort, contextTokens, maxOutputTokens }) => ({
      id,
      label,
      thinking,
      supportsEffort,
      contextTokens,
      maxOutputTokens,
    })),
  });
});

import { listAvailableModels } from "@/lib/ai/model-list";
import { withApiToken } from "@/lib/api/auth";

// DeepSeek's shape: {object:"list", data:[{id, object:"model", owned_by}]} (no `created`).
export const GET = withApiToken(async () => {
  const models = await listAvailableModels();
  return Response.json({ object: "list", data: models.map((m) => ({ id: m.id, object: "model", owned_by: "deepseek" })) });
});

import { audit } from "@/lib/admin/audit";
import { revokeApiToken } from "@/lib/db/queries/api-tokens";
import { AppError } from "@/lib/errors";
import { withAdmin } from "@/lib/http";

export const DELETE = withAdmin<{ id: string }>(async (_req, { user, params }) => {
  if (!(await revokeApiToken({ id: params.id }))) throw new AppError("not_found:token");
  await audit(user, "token.revoke", { type: "api_token", id: params.id });
  return new Response(null, { status: 204 });
});

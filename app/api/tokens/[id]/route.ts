import { revokeApiToken } from "@/lib/db/queries/api-tokens";
import { AppError } from "@/lib/errors";
import { withUser } from "@/lib/http";

export const DELETE = withUser<{ id: string }>(async (_req, { user, params }) => {
  if (!(await revokeApiToken({ id: params.id, userId: user.id }))) throw new AppError("not_found:token");
  return new Response(null, { status: 204 });
});

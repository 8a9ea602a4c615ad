import { revokeApiToken } from "@/lib/db/queries/api-tokens";
import { AppError } from "@/lib/errors";
import { withAdmin } from "@/lib/http";

export const DELETE = withAdmin<{ id: string }>(async (_req, { params }) => {
  if (!(await revokeApiToken({ id: params.id }))) throw new AppError("not_found:token");
  return new Response(null, { status: 204 });
});

import { ADMIN_PAGE_SIZE, listQuerySchema } from "@/lib/admin/schemas";
import { listUsersForAdmin } from "@/lib/db/queries/admin-users";
import { AppError } from "@/lib/errors";
import { withAdmin } from "@/lib/http";

const USAGE_DAYS = 30;

/** Users with role, status, last activity and a 30-day usage summary; `?q=` searches email and name. */
export const GET = withAdmin(async (req) => {
  const url = new URL(req.url);
  const parsed = listQuerySchema.safeParse({ q: url.searchParams.get("q") ?? undefined, page: url.searchParams.get("page") ?? undefined });
  if (!parsed.success) throw new AppError("bad_request:api", { reason: "invalid_query" });
  const since = new Date(Date.now() - USAGE_DAYS * 86_400_000);
  const { users, total } = await listUsersForAdmin({ q: parsed.data.q, since, page: parsed.data.page, pageSize: ADMIN_PAGE_SIZE });
  return Response.json({ users, total, page: parsed.data.page, pageSize: ADMIN_PAGE_SIZE, usageDays: USAGE_DAYS });
});

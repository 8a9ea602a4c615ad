import { ADMIN_PAGE_SIZE, listQuerySchema } from "@/lib/admin/schemas";
import { listAuditEntries } from "@/lib/db/queries/audit";
import { AppError } from "@/lib/errors";
import { withAdmin } from "@/lib/http";

export const GET = withAdmin(async (req) => {
  const parsed = listQuerySchema.safeParse({ page: new URL(req.url).searchParams.get("page") ?? undefined });
  if (!parsed.success) throw new AppError("bad_request:api", { reason: "invalid_query" });
  const { entries, total } = await listAuditEntries({ page: parsed.data.page, pageSize: ADMIN_PAGE_SIZE });
  return Response.json({ entries, total, page: parsed.data.page, pageSize: ADMIN_PAGE_SIZE });
});

import { listUsage } from "@/lib/db/queries/usage";
import { withAdmin } from "@/lib/http";
import { reportRange } from "@/lib/usage/page-data";
import { toCsv } from "@/lib/usage/report";

/** Every ledger row of the last `days` days (default 30, at most 366), as CSV. */
export const GET = withAdmin(async (req) => {
  const days = Math.min(366, Math.max(1, Number(new URL(req.url).searchParams.get("days")) || 30));
  const range = reportRange(new Date(), days);
  const csv = toCsv(await listUsage(range));
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="shoal-usage-${range.from.toISOString().slice(0, 10)}-${range.to.toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});

import { checkReadiness } from "@/lib/ops/readiness";

export const dynamic = "force-dynamic";

/** Readiness for load balancers and orchestrators: 200 when this instance can serve chats, else 503. */
export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(
    { status: readiness.ready ? "ready" : "not_ready", checks: readiness.checks, ...(readiness.pendingMigrations ? { pendingMigrations: readiness.pendingMigrations } : {}) },
    { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}

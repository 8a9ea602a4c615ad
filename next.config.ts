import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // Build-time switch set by the Dockerfile: a self-contained .next/standalone server for the
  // image. Plain builds keep `next start` working (Next.js refuses it with standalone output).
  output: process.env.SHOAL_STANDALONE === "1" ? "standalone" : undefined,
  // Native/wasm database drivers load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "@node-rs/argon2"],
  poweredByHeader: false,
  turbopack: {
    // Code the browser build would carry and never run: Vercel's AI Gateway provider, which `ai`
    // imports, and the HTML parser behind Streamdown's raw-HTML plugin (see each file).
    resolveAlias: {
      "@ai-sdk/gateway": { browser: "./lib/stand-ins/ai-gateway.ts" },
      "rehype-raw": { browser: "./lib/stand-ins/rehype-raw.ts" },
    },
  },
  // /api/ready compares the applied migrations with this folder, read at run time.
  outputFileTracingIncludes: { "/api/ready": ["./prisma/migrations/**/*"] },
  experimental: {
    // Server actions are the auth forms: a few hundred bytes. Next.js also checks their Origin.
    serverActions: { bodySizeLimit: "64kb" },
    // forbidden(): admin pages answer members with 403.
    authInterrupts: true,
  },
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;

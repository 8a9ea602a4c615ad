import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/wasm database drivers load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "@prisma/adapter-pg", "pg", "@node-rs/argon2"],
  poweredByHeader: false,
};

export default nextConfig;

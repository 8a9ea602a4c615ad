# syntax=docker/dockerfile:1.7
# Shoal: multi-stage build → a small runtime image with Next.js's standalone server.
#   docker build -t shoal .
#   docker run -p 3000:3000 -v shoal-data:/app/data -e DEEPSEEK_API_KEY=sk-… shoal

# 1. Dependencies (cached until package.json / package-lock.json change).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. Build: Prisma clients, then `next build` with output: "standalone".
FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 SHOAL_STANDALONE=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node scripts/db-generate.ts && npx next build

# 3. Runtime: only the standalone server, static assets and the migration runner.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    KEEP_ALIVE_TIMEOUT=65000 \
    DATABASE_URL=file:/app/data/shoal.db \
    SHOAL_HOME=/app
WORKDIR /app

# tini reaps zombies and forwards signals; the server then gets SIGTERM for a graceful stop.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*

COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
# Migration runner (plain Node 24 runs the .ts files by type stripping) and its wasm engine,
# which the standalone trace does not include because the server never loads it.
COPY --from=build --chown=node:node /app/scripts/db-migrate.ts ./scripts/db-migrate.ts
COPY --from=build --chown=node:node /app/lib/db/migrate.ts /app/lib/db/engine.ts /app/lib/db/url.ts ./lib/db/
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/node_modules/@prisma/schema-engine-wasm ./node_modules/@prisma/schema-engine-wasm
COPY --chmod=755 docker/entrypoint.sh /usr/local/bin/shoal-entrypoint

# SQLite database and the generated auth secret live here; mount a volume to keep them.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]

USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/shoal-entrypoint"]
CMD ["node", "--max-semi-space-size=16", "server.js"]

#!/bin/sh
# Shoal container entrypoint: apply pending database migrations, then replace this shell with the
# server (exec), so the server is PID 1's direct child of tini/docker and receives SIGTERM itself.
# Migrations are safe to run from several containers at once (PostgreSQL advisory lock / SQLite
# file lock), so every replica can run this on start.
set -eu

cd "${SHOAL_HOME:-/app}"

if [ "${SHOAL_SKIP_MIGRATIONS:-0}" = "1" ]; then
  echo "entrypoint: SHOAL_SKIP_MIGRATIONS=1, not migrating"
else
  node scripts/db-migrate.ts
fi

# Shoal, not Next.js, handles SIGTERM: new chats are refused and running answers get
# SHUTDOWN_GRACE_SECONDS to finish and are saved before the server exits (as with `npm start`).
export NEXT_MANUAL_SIG_HANDLE="${NEXT_MANUAL_SIG_HANDLE:-true}"

if [ "$#" -eq 0 ]; then
  # --max-semi-space-size: see README, "Memory" (the same flag as `npm start`).
  set -- node --max-semi-space-size=16 server.js
fi
exec "$@"

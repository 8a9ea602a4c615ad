// Recognises "the database cannot be reached right now" among the errors Prisma, its driver
// adapters, pg and libsql throw, so a route answers 503 offline:database instead of a 500.
// Constraint violations, missing rows and bugs are deliberately not matched.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1003", "P1008", "P1011", "P1017", "P2024", "P2037"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "DatabaseDoesNotExist", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
const ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH", "SQLITE_BUSY", "SQLITE_CANTOPEN", "SQLITE_IOERR"]);
// 08xxx connection exception, 57P01-03 server shutting down / restarting, 53300 too many connections.
const PG_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300|3D000)$/;
const MESSAGES = /connection terminated|not currently accepting connections|Can't reach database server|server closed the connection|Connection refused|timed out fetching a new connection|terminating connection due to administrator command/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as Record<string, unknown>;
  if (e.name === "PrismaClientInitializationError") return true;
  for (const key of ["code", "errorCode", "originalCode"]) {
    const v = e[key];
    if (typeof v === "string" && (PRISMA_CODES.has(v) || ERRNO.has(v) || PG_SQLSTATE.test(v))) return true;
  }
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (e.kind === "postgres" && typeof e.code === "string" && PG_SQLSTATE.test(e.code)) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  const meta = e.meta as Record<string, unknown> | undefined;
  return [e.cause, meta?.driverAdapterError, e.originalError].some((c) => isDatabaseUnavailable(c, depth + 1));
}

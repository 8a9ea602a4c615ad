// Shared by proxy.ts and route handlers; no server-only imports so the proxy bundle can use it.
export const REQUEST_ID_HEADER = "x-request-id";

/** An id we accept from a load balancer: short, and only characters that are safe in logs. */
export function isRequestId(value: string): boolean {
  return /^[A-Za-z0-9._:-]{8,128}$/.test(value);
}

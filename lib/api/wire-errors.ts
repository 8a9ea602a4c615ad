import "server-only";
import { AppError } from "@/lib/errors";
import { translator, type MessageKey } from "@/lib/i18n";

// Errors on /api/v1 use DeepSeek's (OpenAI's) body shape so SDK clients raise their usual error
// classes. `code` carries Shoal's stable code; the message is English, as DeepSeek's are.
const typeByStatus: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "unknown_error",
  403: "permission_error",
  404: "invalid_request_error",
  429: "rate_limit_error",
  500: "server_error",
  502: "server_error",
  503: "service_unavailable_error",
};

const t = translator("en");

export function wireError(status: number, message: string, code = "invalid_request_error", type?: string): Response {
  return Response.json({ error: { message, type: type ?? typeByStatus[status] ?? "server_error", param: null, code } }, { status });
}

/** DeepSeek's own answer for an unknown model, byte for byte in shape. */
export function modelNotExist(): Response {
  return wireError(400, "Model Not Exist", "invalid_request_error", "invalid_request_error");
}

export function wireErrorFromAppError(e: AppError): Response {
  const key = `api.error.${e.code}` as MessageKey;
  const text = t(key);
  const detail = e.detail && typeof e.detail === "object" ? (e.detail as Record<string, unknown>) : {};
  const message = text === key ? t("api.error.generic", { code: e.code }) : t(key, detail as Record<string, string | number>);
  const res = wireError(e.status, message, e.code);
  if (typeof detail.retryAfterSeconds === "number") res.headers.set("retry-after", String(Math.ceil(detail.retryAfterSeconds)));
  return res;
}

export function wireErrorFrom(e: unknown): Response {
  if (e instanceof AppError) return wireErrorFromAppError(e);
  console.error("[shoal] unhandled /api/v1 error", e);
  return wireErrorFromAppError(new AppError("internal:api"));
}

// Typed error codes `type:surface`, mapped in one place to an HTTP status. Tests assert on codes.
export type ErrorType =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limit"
  | "quota"
  | "payment_required"
  | "not_configured"
  | "upstream"
  | "offline"
  | "internal";
export type Surface =
  | "auth"
  | "chat"
  | "api"
  | "database"
  | "deepseek"
  | "model"
  | "token"
  | "budget"
  | "limits"
  | "concurrency"
  | "usage"
  | "account"
  | "import"
  | "share"
  | "preset"
  | "attachment"
  | "admin"
  | "user"
  | "invite"
  | "password";
export type ErrorCode = `${ErrorType}:${Surface}`;

const statusByType: Record<ErrorType, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limit: 429,
  quota: 429,
  payment_required: 402,
  not_configured: 503,
  upstream: 502,
  offline: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail?: unknown;

  constructor(code: ErrorCode, detail?: unknown, message?: string) {
    super(message ?? code);
    this.name = "AppError";
    this.code = code;
    this.status = statusByType[code.split(":")[0] as ErrorType];
    this.detail = detail;
  }

  toResponse(): Response {
    return Response.json(
      { error: { code: this.code, ...(this.detail !== undefined ? { detail: this.detail } : {}) } },
      { status: this.status },
    );
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

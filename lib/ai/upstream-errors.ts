import { APICallError, RetryError } from "ai";
import { AppError, type ErrorCode } from "@/lib/errors";

/**
 * Turn anything thrown while talking to DeepSeek into a stable code. The code is what the client
 * sees (it picks the localized text); the upstream message and key never leave the server.
 */
export function upstreamErrorCode(error: unknown): ErrorCode {
  if (error instanceof AppError) return error.code;
  if (RetryError.isInstance(error)) return upstreamErrorCode(error.lastError);
  if (APICallError.isInstance(error)) {
    // A stream that broke after a 200 (dropped connection, our idle timeout) arrives as an
    // APICallError with the 200 status and the real failure as its cause.
    if (error.cause instanceof AppError) return error.cause.code;
    if (error.statusCode !== undefined && error.statusCode < 300) return "offline:deepseek";
    return codeForStatus(error.statusCode);
  }
  return "upstream:deepseek";
}

export function codeForStatus(status: number | undefined): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return "bad_request:deepseek";
    case 401:
    case 403:
      return "unauthorized:deepseek";
    case 402:
      return "payment_required:deepseek";
    case 429:
      return "rate_limit:deepseek";
    case 503:
      return "offline:deepseek";
    case undefined:
      return "offline:deepseek"; // no HTTP answer at all: network failure
    default:
      return "upstream:deepseek";
  }
}

import { APICallError, RetryError } from "ai";
import { describe, expect, it } from "vitest";
import { codeForStatus, upstreamErrorCode } from "@/lib/ai/upstream-errors";
import { AppError } from "@/lib/errors";

const apiError = (statusCode: number) =>
  new APICallError({ message: "x", url: "http://u", requestBodyValues: {}, statusCode, responseBody: "{}" });

describe("upstream error mapping", () => {
  it.each([
    [400, "bad_request:deepseek"],
    [401, "unauthorized:deepseek"],
    [402, "payment_required:deepseek"],
    [422, "bad_request:deepseek"],
    [429, "rate_limit:deepseek"],
    [500, "upstream:deepseek"],
    [503, "offline:deepseek"],
  ])("maps HTTP %i to %s", (status, code) => {
    expect(upstreamErrorCode(apiError(status))).toBe(code);
    expect(codeForStatus(status)).toBe(code);
  });

  it("unwraps retry errors to the last attempt", () => {
    const err = new RetryError({ message: "m", reason: "maxRetriesExceeded", errors: [apiError(503), apiError(402)] });
    expect(upstreamErrorCode(err)).toBe("payment_required:deepseek");
  });

  it("keeps AppError codes and treats network failures as offline", () => {
    expect(upstreamErrorCode(new AppError("not_configured:deepseek"))).toBe("not_configured:deepseek");
    expect(codeForStatus(undefined)).toBe("offline:deepseek");
    expect(upstreamErrorCode(new TypeError("fetch failed"))).toBe("upstream:deepseek");
  });

  it("maps a stream that broke after a 200 by its cause", () => {
    const broken = (cause: unknown) =>
      new APICallError({ message: "Failed to process successful response", url: "http://u", requestBodyValues: {}, statusCode: 200, cause });
    expect(upstreamErrorCode(broken(new AppError("offline:deepseek", { reason: "idle_timeout" })))).toBe("offline:deepseek");
    expect(upstreamErrorCode(broken(new TypeError("terminated")))).toBe("offline:deepseek");
  });

  it("gives AppErrors the status of their type", () => {
    expect(new AppError("not_found:chat").status).toBe(404);
    expect(new AppError("unauthorized:auth").status).toBe(401);
    expect(new AppError("not_configured:deepseek").status).toBe(503);
  });
});

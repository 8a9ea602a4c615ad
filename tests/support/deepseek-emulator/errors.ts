// Error responses with the bodies observed from the real API (reference §6). Guesses are marked.

export type ErrorResponse = { status: number; contentType: string; body: string };

const JSON_TYPE = "application/json";
const TEXT_TYPE = "text/plain; charset=utf-8";

export function jsonError(status: number, message: string, type: string): ErrorResponse {
  const body = JSON.stringify({ error: { message, type, param: null, code: "invalid_request_error" } });
  return { status, contentType: JSON_TYPE, body };
}

function invalid(message: string): ErrorResponse {
  return jsonError(400, message, "invalid_request_error");
}

export const MAX_TOKENS_LIMIT = 393216;
export const CONTEXT_LIMIT = 1048576;

export const errors = {
  missingAuth: (): ErrorResponse =>
    jsonError(401, "Authentication Fails (auth header format should be Bearer sk-...)", "authentication_error"),
  invalidKey: (key: string): ErrorResponse =>
    jsonError(401, `Authentication Fails, Your api key: ****${key.slice(-4)} is invalid`, "authentication_error"),
  insufficientBalance: (): ErrorResponse => jsonError(402, "Insufficient Balance", "unknown_error"),
  modelNotExist: (): ErrorResponse => invalid("Model Not Exist"),
  legacyModel: (model: string): ErrorResponse =>
    invalid(`The supported API model names are deepseek-v4-pro or deepseek-v4-flash, but you passed ${model}.`),
  maxTokens: (): ErrorResponse =>
    invalid(`Invalid max_tokens value, the valid range of max_tokens is [1, ${MAX_TOKENS_LIMIT}]`),
  contextLength: (messages: number, completion: number): ErrorResponse =>
    invalid(
      `This model's maximum context length is ${CONTEXT_LIMIT} tokens. However, you requested ` +
        `${messages + completion} tokens (${messages} in the messages, ${completion} in the completion). ` +
        "Please reduce the length of the messages or completion.",
    ),
  replayV4: (): ErrorResponse => invalid("The `reasoning_content` in the thinking mode must be passed back to the API."),
  /** [guess] wording of the R1-era rejection of `reasoning_content` in input messages is not recorded. */
  replayR1: (index: number): ErrorResponse =>
    invalid(
      `The \`reasoning_content\` field is not allowed in input messages (message index ${index}). ` +
        "Please remove reasoning_content from previous assistant messages.",
    ),
  badJson: (detail: string): ErrorResponse =>
    invalid(`Failed to deserialize the JSON body into the target type: ${detail}`),
  /** 422, plain text like the real one. */
  deserialize422: (detail: string): ErrorResponse => ({
    status: 422,
    contentType: TEXT_TYPE,
    body: `Failed to deserialize the JSON body into the target type: ${detail}`,
  }),
  /** [guess] the real messages for a misplaced `prefix` are not recorded. */
  prefixNotBeta: (): ErrorResponse =>
    invalid("Chat prefix completion is a beta feature: use the base URL https://api.deepseek.com/beta"),
  prefixNotLast: (): ErrorResponse =>
    invalid("Chat prefix completion requires the last message to be an assistant message with `prefix: true`"),
  /** [guess] the real message for an empty `messages` array is not recorded. */
  emptyMessages: (): ErrorResponse => invalid("Invalid request: messages must not be empty"),
  rateLimit: (): ErrorResponse =>
    jsonError(
      429,
      "Too many requests. Your current concurrency is 26, which exceeds your concurrency limit of 25 based on " +
        "your remaining balance. Please top up your balance to restore your concurrency.",
      "rate_limit_error",
    ),
  /** [guess] no real 500 body recorded. */
  serverError: (): ErrorResponse => jsonError(500, "Server Error", "server_error"),
  /** [guess] no real 503 body recorded. */
  overloaded: (): ErrorResponse => jsonError(503, "Server overloaded, please try again later", "server_error"),
  notFound: (): ErrorResponse => jsonError(404, "Not Found", "invalid_request_error"),
};

/** Body of a scripted `[[error:S]]` directive. */
export function directiveError(status: number, apiKey: string): ErrorResponse {
  switch (status) {
    case 400:
      return errors.contextLength(1041808, 8192);
    case 401:
      return errors.invalidKey(apiKey);
    case 402:
      return errors.insufficientBalance();
    case 422:
      return errors.deserialize422("missing field `messages` at line 4 column 1");
    case 429:
      return errors.rateLimit();
    case 500:
      return errors.serverError();
    default:
      return errors.overloaded();
  }
}

/** Line/column (1-based) of the last non-whitespace character, like serde_json reports at end of input. */
export function endPosition(raw: string): { line: number; column: number } {
  const text = raw.trimEnd();
  const lines = text.split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length };
}

/** Line/column (1-based) of the character at `index` in `raw`. */
export function positionAt(raw: string, index: number): { line: number; column: number } {
  const before = raw.slice(0, index);
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** serde_json-style detail for a body that JSON.parse rejected. */
export function jsonSyntaxDetail(raw: string, parseMessage: string): string {
  if (/end of JSON input/i.test(parseMessage)) {
    const end = endPosition(raw);
    return `EOF while parsing a value at line ${end.line} column ${end.column}`;
  }
  const m = /\(line (\d+) column (\d+)\)/.exec(parseMessage);
  return m ? `expected value at line ${m[1]} column ${m[2]}` : "expected value at line 1 column 1";
}

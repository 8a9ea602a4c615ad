/**
 * What the browser gets for `@ai-sdk/gateway` (next.config.ts, `turbopack.resolveAlias`).
 *
 * The `ai` package imports Vercel's AI Gateway provider for its default model and its error checks.
 * In the browser Shoal uses only `ai`'s chat transport (DeepSeek is called by the server), and the
 * provider, with its OIDC client, was ~76 KiB of unused first-load JS on the chat pages. These are the
 * names `ai` imports: no error in the browser is a gateway error, and the provider is never called.
 */
export class GatewayError extends Error {
  static isInstance(_error: unknown): _error is GatewayError {
    return false;
  }
}

export class GatewayAuthenticationError extends GatewayError {}

export function createGateway(): never {
  throw new Error("The AI Gateway provider is not available in the browser.");
}

export const gateway = createGateway;

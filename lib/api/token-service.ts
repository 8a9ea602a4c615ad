import "server-only";
import { createApiToken, type ApiTokenSummary } from "@/lib/db/queries/api-tokens";
import { AppError } from "@/lib/errors";
import { getUsageSettings } from "@/lib/usage/settings";
import type { CreateToken } from "./token-schema";
import { displayPrefix, generateToken, hashToken } from "./tokens";

/** Creates a token and returns its secret: the only time it exists outside the caller's hands. */
export async function issueToken({ userId, input }: { userId: string; input: CreateToken }): Promise<{ token: string; summary: ApiTokenSummary }> {
  if (!(await getUsageSettings()).apiEnabled) throw new AppError("forbidden:api");
  const token = generateToken();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const summary = await createApiToken({ userId, name: input.name, tokenHash: hashToken(token), prefix: displayPrefix(token), expiresAt });
  return { token, summary };
}

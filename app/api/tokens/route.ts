import { createTokenSchema } from "@/lib/api/token-schema";
import { issueToken } from "@/lib/api/token-service";
import { listApiTokens } from "@/lib/db/queries/api-tokens";
import { parseJson, withUser } from "@/lib/http";

export const GET = withUser(async (_req, { user }) => Response.json({ tokens: await listApiTokens({ userId: user.id }) }));

export const POST = withUser(async (req, { user }) => {
  const input = await parseJson(req, createTokenSchema);
  const { token, summary } = await issueToken({ userId: user.id, input });
  return Response.json({ token, ...summary }, { status: 201, headers: { "cache-control": "no-store" } });
});

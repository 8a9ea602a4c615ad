import { listAllApiTokens } from "@/lib/db/queries/api-tokens";
import { withAdmin } from "@/lib/http";

export const GET = withAdmin(async () => Response.json({ tokens: await listAllApiTokens() }));

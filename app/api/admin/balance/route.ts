import { withAdmin } from "@/lib/http";
import { getBalanceSnapshot, refreshBalance } from "@/lib/usage/balance";

export const GET = withAdmin(async () => Response.json({ balance: (await getBalanceSnapshot()) ?? null }));

/** On-demand refresh from DeepSeek's GET /user/balance. */
export const POST = withAdmin(async () => Response.json({ balance: (await refreshBalance()) ?? null }));

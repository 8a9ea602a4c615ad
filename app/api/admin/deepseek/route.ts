import { getDeepSeekStatus } from "@/lib/admin/deepseek-status";
import { withAdmin } from "@/lib/http";

export const GET = withAdmin(async () => Response.json(await getDeepSeekStatus()));

import { withApiToken } from "@/lib/api/auth";
import { proxyChatCompletion } from "@/lib/api/gateway";

export const maxDuration = 800;

export const POST = withApiToken(proxyChatCompletion);

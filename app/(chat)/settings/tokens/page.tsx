import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { TokensManager } from "@/components/usage/tokens-manager";
import { getCurrentUser } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/db/queries/api-tokens";
import { getUsageSettings } from "@/lib/usage/settings";

export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const [tokens, settings, h] = await Promise.all([listApiTokens({ userId: user.id }), getUsageSettings(), headers()]);
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return (
    <TokensManager
      initialTokens={tokens.map((tk) => ({ ...tk, expiresAt: iso(tk.expiresAt), revokedAt: iso(tk.revokedAt), lastUsedAt: iso(tk.lastUsedAt), createdAt: tk.createdAt.toISOString() }))}
      enabled={settings.apiEnabled}
      baseUrl={`${proto}://${host}/api/v1`}
    />
  );
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

import { redirect } from "next/navigation";
import { PresetsManager } from "@/components/presets/presets-manager";
import { getCurrentUser } from "@/lib/auth/session";
import { getChatPageContext } from "@/lib/chat/page-data";
import { listPresets } from "@/lib/presets/service";

export const dynamic = "force-dynamic";

export default async function PresetsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const [presets, { models }] = await Promise.all([listPresets({ user }), getChatPageContext()]);
  return <PresetsManager initialPresets={presets} models={models} />;
}

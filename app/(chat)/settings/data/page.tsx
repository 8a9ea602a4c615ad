import { redirect } from "next/navigation";
import { DataSettings } from "@/components/settings/data-settings";
import { getCurrentUser } from "@/lib/auth/session";
import { listChatsForUser } from "@/lib/db/queries/chats";

export const dynamic = "force-dynamic";

export default async function DataSettingsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const chats = await listChatsForUser({ userId: user.id, limit: 100 });
  return <DataSettings email={user.email} chats={chats.map((c) => ({ id: c.id, title: c.title }))} />;
}

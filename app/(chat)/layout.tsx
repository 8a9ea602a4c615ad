import { redirect } from "next/navigation";
import { Sidebar } from "@/components/chat/sidebar";
import { BalanceBanner } from "@/components/usage/balance-banner";
import { getCurrentUser } from "@/lib/auth/session";
import { listChatsForUser } from "@/lib/db/queries/chats";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const chats = await listChatsForUser({ userId: user.id });
  return (
    <div className="flex h-dvh">
      <Sidebar
        initialChats={chats.map((c) => ({ ...c, updatedAt: c.updatedAt.toISOString() }))}
        email={user.email}
        isAdmin={user.role === "admin"}
      />
      <main className="flex min-w-0 flex-1 flex-col">
        {user.role === "admin" && <BalanceBanner />}
        <div className="min-h-0 flex-1">{children}</div>
      </main>
    </div>
  );
}

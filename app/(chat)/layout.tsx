import { redirect } from "next/navigation";
import { Sidebar } from "@/components/chat/sidebar";
import { BalanceBanner } from "@/components/usage/balance-banner";
import { getCurrentUser, getUserPrefsFor } from "@/lib/auth/session";
import { listChatsForUser } from "@/lib/db/queries/chats";
import { UserPrefsProvider } from "@/components/chat/user-prefs";
import { parseUserPrefs } from "@/lib/settings/schema";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const [chats, prefs] = await Promise.all([listChatsForUser({ userId: user.id, limit: 50 }), getUserPrefsFor(user)]);
  return (
    <UserPrefsProvider prefs={parseUserPrefs(prefs)}>
      <div className="flex h-dvh">
        <Sidebar
          initialChats={chats.map((c) => ({ ...c, updatedAt: c.updatedAt.toISOString() }))}
          initialCursor={chats.length === 50 ? (chats.at(-1)?.id ?? null) : null}
          email={user.email}
          isAdmin={user.role === "admin"}
        />
        <main className="flex min-w-0 flex-1 flex-col">
          {user.role === "admin" && <BalanceBanner />}
          <div className="min-h-0 flex-1">{children}</div>
        </main>
      </div>
    </UserPrefsProvider>
  );
}

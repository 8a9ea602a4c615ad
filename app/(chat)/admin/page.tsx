import { forbidden, redirect } from "next/navigation";
import { AdminConsole } from "@/components/admin/admin-console";
import { isAdminTab } from "@/components/admin/tabs";
import { getDeepSeekStatus } from "@/lib/admin/deepseek-status";
import { getSignupPolicy } from "@/lib/auth/signup-policy";
import { getCurrentUser } from "@/lib/auth/session";
import { getSharingSettings } from "@/lib/sharing/settings";

export const dynamic = "force-dynamic";

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ tab?: string | string[] }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (user.role !== "admin") forbidden();
  const { tab } = await searchParams;
  const [policy, deepseek, sharing] = await Promise.all([getSignupPolicy(), getDeepSeekStatus(), getSharingSettings()]);
  return <AdminConsole meId={user.id} policy={policy} deepseek={deepseek} sharing={sharing} initialTab={typeof tab === "string" && isAdminTab(tab) ? tab : undefined} />;
}

import { forbidden, redirect } from "next/navigation";
import { AdminConsole } from "@/components/admin/admin-console";
import { getDeepSeekStatus } from "@/lib/admin/deepseek-status";
import { getSignupPolicy } from "@/lib/auth/signup-policy";
import { getCurrentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function AdminPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (user.role !== "admin") forbidden();
  const [policy, deepseek] = await Promise.all([getSignupPolicy(), getDeepSeekStatus()]);
  return <AdminConsole meId={user.id} policy={policy} deepseek={deepseek} />;
}

import { redirect } from "next/navigation";
import { MyUsage } from "@/components/usage/my-usage";
import { getCurrentUser } from "@/lib/auth/session";
import { getMyUsage, REPORT_DAYS } from "@/lib/usage/page-data";
import { getUsageSettings } from "@/lib/usage/settings";

export const dynamic = "force-dynamic";

export default async function UsagePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const [{ report, budget }, settings] = await Promise.all([getMyUsage(user), getUsageSettings()]);
  return <MyUsage report={report} budget={budget} days={REPORT_DAYS} isAdmin={user.role === "admin"} currency={settings.displayCurrency} />;
}

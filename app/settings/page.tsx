import { redirect } from "next/navigation";
import { PasswordForm } from "@/components/settings/password-form";
import { SettingsForm } from "@/components/settings/settings-form";
import { getCurrentUser, getUserPrefsFor } from "@/lib/auth/session";
import { getChatPageContext } from "@/lib/chat/page-data";
import { parseUserPrefs } from "@/lib/settings/schema";
import { changePasswordAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const [{ models }, raw] = await Promise.all([getChatPageContext(), getUserPrefsFor(user)]);
  return (
    <>
      <SettingsForm initialPrefs={parseUserPrefs(raw)} models={models} />
      <PasswordForm action={changePasswordAction} />
    </>
  );
}

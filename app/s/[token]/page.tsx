import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { SharedView } from "@/components/sharing/shared-view";
import { getCurrentUser } from "@/lib/auth/session";
import { loadSharedView } from "@/lib/sharing/service";

export const dynamic = "force-dynamic";
// Share links are secrets: keep them out of search engines and referrers.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/** Outside the (chat) layout on purpose: a public link works signed out. */
export default async function SharedChatPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const viewer = await getCurrentUser();
  const { access, view } = await loadSharedView({ token, viewer });
  if (access === "sign_in") redirect(`/sign-in?next=${encodeURIComponent(`/s/${token}`)}`);
  if (!view) notFound();
  return <SharedView view={view} signedIn={viewer !== null} />;
}

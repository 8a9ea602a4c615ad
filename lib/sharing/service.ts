import "server-only";
import { generateId } from "ai";
import type { ChatUIMessage } from "@/lib/chat/types";
import { getChatOrThrow } from "@/lib/db/queries/chats";
import { listMessages } from "@/lib/db/queries/messages";
import {
  createForkedChat,
  deleteShare,
  getShareForChat,
  getSharedChatByToken,
  replaceShareToken,
  upsertShare,
  type ShareRecord,
  type SharedChat,
} from "@/lib/db/queries/shares";
import type { AppUser } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { isShareToken, newShareToken, shareAccess, sharerLabel, type ChatVisibility, type ShareAccess } from "./access";
import { forkThread, sharedExtra } from "./fork";
import { getSharingSettings } from "./settings";

/** What the owner's share dialog shows. */
export type ShareState = {
  visibility: ChatVisibility;
  token: string | null;
  includeSystemPrompt: boolean;
  createdAt: string | null;
  publicEnabled: boolean;
};

function toState(share: ShareRecord | null, publicEnabled: boolean): ShareState {
  return {
    visibility: (share?.visibility as ChatVisibility | undefined) ?? "private",
    token: share?.token ?? null,
    includeSystemPrompt: share?.includeSystemPrompt ?? false,
    createdAt: share?.createdAt.toISOString() ?? null,
    publicEnabled,
  };
}

export async function getShareState({ user, chatId }: { user: AppUser; chatId: string }): Promise<ShareState> {
  const chat = await getChatOrThrow({ id: chatId, userId: user.id });
  const [share, settings] = await Promise.all([getShareForChat({ chatId: chat.id }), getSharingSettings()]);
  return toState(share, settings.publicEnabled);
}

/** Private removes the link; team/public create it (new token) or change it (same token). */
export async function setShare({
  user,
  chatId,
  visibility,
  includeSystemPrompt,
}: {
  user: AppUser;
  chatId: string;
  visibility: ChatVisibility;
  includeSystemPrompt?: boolean;
}): Promise<ShareState> {
  const chat = await getChatOrThrow({ id: chatId, userId: user.id });
  const settings = await getSharingSettings();
  if (visibility === "private") {
    await deleteShare({ chatId: chat.id });
    return toState(null, settings.publicEnabled);
  }
  if (visibility === "public" && !settings.publicEnabled) throw new AppError("forbidden:share", { reason: "public_disabled" });
  const share = await upsertShare({ chatId: chat.id, userId: user.id, visibility, includeSystemPrompt, token: newShareToken() });
  return toState(share, settings.publicEnabled);
}

export async function regenerateShare({ user, chatId }: { user: AppUser; chatId: string }): Promise<ShareState> {
  const chat = await getChatOrThrow({ id: chatId, userId: user.id });
  const [share, settings] = await Promise.all([replaceShareToken({ chatId: chat.id, token: newShareToken() }), getSharingSettings()]);
  return toState(share, settings.publicEnabled);
}

export async function revokeShare({ user, chatId }: { user: AppUser; chatId: string }): Promise<void> {
  const chat = await getChatOrThrow({ id: chatId, userId: user.id });
  await deleteShare({ chatId: chat.id });
}

/** The read-only view of a shared chat: no usage, no branch paging, no private settings. */
export type SharedView = {
  token: string;
  title: string;
  visibility: string;
  sharedBy: string | null;
  sharedAt: string;
  model: string;
  systemPrompt: string | null;
  messages: ChatUIMessage[];
};

async function resolveShare(token: string, viewer: AppUser | null): Promise<{ access: ShareAccess; shared: SharedChat | null }> {
  if (!isShareToken(token)) return { access: "not_found", shared: null };
  const [shared, settings] = await Promise.all([getSharedChatByToken({ token }), getSharingSettings()]);
  // A disabled sharer's links go dark with the account (and come back if it is re-enabled).
  if (!shared || shared.sharer.status !== "active") return { access: "not_found", shared: null };
  const access = shareAccess({ visibility: shared.share.visibility, viewer, publicEnabled: settings.publicEnabled });
  return { access, shared: access === "ok" ? shared : null };
}

export async function loadSharedView({ token, viewer }: { token: string; viewer: AppUser | null }): Promise<{ access: ShareAccess; view?: SharedView }> {
  const { access, shared } = await resolveShare(token, viewer);
  if (!shared) return { access };
  const messages = await listMessages({ chatId: shared.chat.id, leafId: shared.chat.activeLeafId });
  const extra = sharedExtra(shared.chat.settings, shared.share.includeSystemPrompt);
  return {
    access,
    view: {
      token,
      title: shared.chat.title,
      visibility: shared.share.visibility,
      sharedBy: sharerLabel({ name: shared.sharer.name, email: shared.sharer.email, viewerSignedIn: viewer !== null }),
      sharedAt: shared.share.createdAt.toISOString(),
      model: shared.chat.model,
      systemPrompt: shared.share.includeSystemPrompt && extra.systemPrompt ? extra.systemPrompt : null,
      messages: messages
        .filter((m) => m.parts.length > 0)
        .map((m) => ({
          id: m.id,
          role: m.role,
          parts: m.parts,
          metadata: {
            status: m.metadata?.status ?? "complete",
            createdAt: m.metadata?.createdAt ?? shared.share.createdAt.toISOString(),
            model: m.metadata?.model ?? null,
            errorCode: m.metadata?.errorCode ?? null,
            reasoningMs: m.metadata?.reasoningMs ?? null,
          },
        })),
    },
  };
}

/** "Continue in my chats": the visible branch and settings (system prompt only if shared) become the viewer's own chat. */
export async function forkShare({ token, user }: { token: string; user: AppUser }): Promise<{ chatId: string }> {
  const { shared } = await resolveShare(token, user);
  if (!shared) throw new AppError("not_found:share");
  const messages = await listMessages({ chatId: shared.chat.id, leafId: shared.chat.activeLeafId });
  const chatId = generateId();
  await createForkedChat({
    id: chatId,
    userId: user.id,
    title: shared.chat.title,
    model: shared.chat.model,
    thinking: shared.chat.thinking,
    reasoningEffort: shared.chat.reasoningEffort,
    settings: sharedExtra(shared.chat.settings, shared.share.includeSystemPrompt),
    messages: forkThread(messages, generateId),
  });
  return { chatId };
}

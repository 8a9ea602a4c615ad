import { audit } from "@/lib/admin/audit";
import { userDeleteSchema, userPatchSchema } from "@/lib/admin/schemas";
import { deleteUserAsAdmin, setUserRole, setUserStatus } from "@/lib/db/queries/admin-users";
import { getUserById } from "@/lib/db/queries/users";
import { AppError } from "@/lib/errors";
import { parseJson, withAdmin } from "@/lib/http";

/** Promote/demote, or disable/enable (enabling a pending account approves it). */
export const PATCH = withAdmin<{ id: string }>(async (req, { user, params }) => {
  const patch = await parseJson(req, userPatchSchema, 4 * 1024);
  if ("role" in patch) {
    const { before, after } = await setUserRole({ id: params.id, role: patch.role });
    if (before.role !== after.role) await audit(user, "user.role", { type: "user", id: after.id, label: after.email }, { from: before.role, to: after.role });
    return Response.json({ user: after });
  }
  if (patch.status === "disabled" && params.id === user.id) throw new AppError("bad_request:user", { reason: "self" });
  const { before, after } = await setUserStatus({ id: params.id, status: patch.status });
  if (before.status !== after.status) {
    const action = after.status === "disabled" ? "user.disable" : before.status === "pending" ? "user.approve" : "user.enable";
    await audit(user, action, { type: "user", id: after.id, label: after.email }, { from: before.status, to: after.status });
  }
  return Response.json({ user: after });
});

export const DELETE = withAdmin<{ id: string }>(async (req, { user, params }) => {
  const input = await parseJson(req, userDeleteSchema, 4 * 1024);
  if (params.id === user.id) throw new AppError("bad_request:user", { reason: "self" });
  const target = await getUserById({ id: params.id });
  if (!target) throw new AppError("not_found:user");
  if (input.confirmEmail.trim().toLowerCase() !== target.email) throw new AppError("bad_request:user", { reason: "confirmation_failed" });
  const result = await deleteUserAsAdmin({ id: params.id, transferTo: input.chats === "transfer" ? input.transferTo : undefined });
  await audit(user, "user.delete", { type: "user", id: params.id, label: target.email }, {
    chats: input.chats,
    ...(input.chats === "transfer" ? { transferTo: input.transferTo, transferred: result.transferred } : { deletedChats: result.deletedChats }),
  });
  return new Response(null, { status: 204 });
});

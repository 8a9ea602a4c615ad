import { audit } from "@/lib/admin/audit";
import { getSignupPolicy, signupPolicySchema, updateSignupPolicy } from "@/lib/auth/signup-policy";
import { parseJson, withAdmin } from "@/lib/http";

export const GET = withAdmin(async () => Response.json(await getSignupPolicy()));

export const PUT = withAdmin(async (req, { user }) => {
  const patch = await parseJson(req, signupPolicySchema.partial().strict(), 8 * 1024);
  const before = await getSignupPolicy();
  const after = await updateSignupPolicy(patch);
  await audit(user, "signup_policy.update", null, { from: before, to: after });
  return Response.json(after);
});

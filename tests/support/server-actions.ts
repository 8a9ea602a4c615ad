import fs from "node:fs";
import path from "node:path";
import type { HttpClient } from "./http-client";

const root = path.resolve(import.meta.dirname, "../..");

/** The id Next.js assigned to a server action at build time. */
export function serverActionId(exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
  if (!entry) throw new Error(`no server action ${exportedName} in the build`);
  return entry[0];
}

/**
 * Calls a `useActionState` server action the way the browser does: (prevState, formData), the
 * form's fields encoded as `_1_<name>`. Cookies the answer sets are kept by the client.
 */
export async function callAction(client: HttpClient, name: string, page: string, fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(`_1_${k}`, v);
  form.set("0", JSON.stringify([{}, "$K1"]));
  const res = await client.fetch(page, {
    method: "POST",
    headers: { "next-action": serverActionId(name), origin: client.baseUrl, accept: "text/x-component" },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, text, redirect: res.headers.get("x-action-redirect") };
}

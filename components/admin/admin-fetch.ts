"use client";

/** JSON fetch for the console: returns the body, or `{ error: code }` when the server refused. */
export async function adminFetch<T>(url: string, init?: { method?: string; body?: unknown }): Promise<{ data?: T; error?: string; reason?: string }> {
  const res = await fetch(url, {
    method: init?.method ?? "GET",
    headers: init?.body !== undefined ? { "content-type": "application/json" } : undefined,
    body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  if (res.status === 204) return {};
  const json = (await res.json().catch(() => ({}))) as { error?: { code?: string; detail?: { reason?: string } } };
  if (!res.ok) return { error: json.error?.code ?? "internal:api", reason: json.error?.detail?.reason };
  return { data: json as T };
}

export const cell = "px-2 py-1.5 text-left align-top";
export const input =
  "rounded-lg border border-gray-300 bg-white px-2 py-1 text-sm dark:border-gray-700 dark:bg-gray-900";

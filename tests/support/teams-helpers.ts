import { expect } from "vitest";
import type { AppServer } from "./app-server";
import { HttpClient } from "./http-client";
import { callAction } from "./server-actions";

export const PASSWORD = "teams-password-123";

export async function signUp(app: AppServer, fields: { email: string; password?: string; invite?: string }) {
  const client = new HttpClient(app.url);
  const res = await callAction(client, "signUpAction", "/sign-up", { email: fields.email, password: fields.password ?? PASSWORD, ...(fields.invite ? { invite: fields.invite } : {}) });
  return { client, ...res, signedIn: client.cookieHeader().includes("authjs.session-token") };
}

export async function signedIn(app: AppServer, email: string, password = PASSWORD) {
  const client = new HttpClient(app.url);
  expect(await client.signIn(email, password), email).toBe(true);
  return client;
}

/** Auth.js's credentials callback: the redirect says what happened (no session means refused). */
export async function callbackSignIn(app: AppServer, email: string, password: string) {
  const client = new HttpClient(app.url);
  const csrf = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await client.fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, callbackUrl: "/" }),
  });
  await res.arrayBuffer();
  return { location: res.headers.get("location") ?? "", ok: client.cookieHeader().includes("authjs.session-token") };
}


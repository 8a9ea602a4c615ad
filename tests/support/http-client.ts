/**
 * A tiny cookie-keeping HTTP client that signs in through Auth.js's real credentials flow
 * (CSRF token, then the callback POST), the same requests a browser makes.
 */
export class HttpClient {
  private cookies = new Map<string, string>();
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    const res = await fetch(new URL(pathname, this.baseUrl), { ...init, headers, redirect: "manual" });
    this.store(res);
    return res;
  }

  json(pathname: string, body: unknown, init: RequestInit = {}): Promise<Response> {
    return this.fetch(pathname, {
      method: "POST",
      ...init,
      headers: { "content-type": "application/json", ...(init.headers as Record<string, string>) },
      body: JSON.stringify(body),
    });
  }

  async signIn(email: string, password: string): Promise<boolean> {
    const csrf = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, callbackUrl: "/" }),
    });
    await res.arrayBuffer();
    return [...this.cookies.keys()].some((k) => k.endsWith("authjs.session-token"));
  }
}

/** Parses a UI message stream (SSE) body into its JSON parts. */
export async function readUiStream(res: Response): Promise<Array<Record<string, unknown>>> {
  const text = await res.text();
  return text
    .split("\n\n")
    .map((block) => block.trim())
    .filter((block) => block.startsWith("data: ") && block !== "data: [DONE]")
    .map((block) => JSON.parse(block.slice(6)) as Record<string, unknown>);
}

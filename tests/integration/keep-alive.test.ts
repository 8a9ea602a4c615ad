import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { freshDatabase, type TestDatabase } from "../support/db";

// A proxy or load balancer reuses its connections to Shoal for as long as its own idle timeout
// (nginx's upstream keepalive_timeout and AWS ALB: 60 s). Node closes an idle connection after 5 s
// by default; a request the proxy sends on a connection Shoal is just closing fails with a 502. The
// production start command keeps idle connections for 65 s (KEEP_ALIVE_TIMEOUT, README "Deployment").

function get(url: string, agent: http.Agent): Promise<{ status: number; reusedSocket: boolean; localPort: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, reusedSocket: req.reusedSocket, localPort: req.socket?.localPort ?? 0 }));
    });
    req.on("error", reject);
  });
}

describe("npm start: idle keep-alive connections", () => {
  let database: TestDatabase;
  let app: AppServer;

  beforeAll(async () => {
    database = await freshDatabase("sqlite");
    app = await startApp({ databaseUrl: database.url, deepseekBaseUrl: "http://127.0.0.1:9", viaNpmStart: true });
  });

  afterAll(async () => {
    await app?.stop();
    await database?.cleanup();
  });

  it("stay open past Node's 5 s default, so a proxy's next request reuses the connection", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(`${app.url}/api/health`, agent);
      expect(first.status).toBe(200);
      await new Promise((r) => setTimeout(r, 6_500));
      const second = await get(`${app.url}/api/health`, agent);
      expect(second.status).toBe(200);
      expect(second.reusedSocket).toBe(true);
      expect(second.localPort).toBe(first.localPort);
    } finally {
      agent.destroy();
    }
  }, 30_000);
});

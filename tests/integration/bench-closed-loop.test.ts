import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedLoop } from "@/bench/lib/streams";

// The benchmark's closed loop against a real HTTP server on loopback that answers like Shoal's chat
// route (SSE text deltas at a fixed pace). Its clients must start spread over one answer's length:
// started together, clients whose answers all take as long stay in step, and N concurrent streams
// become a burst of N turns arriving at once, every cycle (bench/analysis.md, sixth session).

const TOKENS = 8;
const TOKEN_MS = 50;
const ANSWER_MS = TOKENS * TOKEN_MS;

describe("bench: closed loop", () => {
  let server: http.Server;
  let url: string;
  const arrivals: number[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      arrivals.push(performance.now());
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        let sent = 0;
        const timer = setInterval(() => {
          if (sent++ < TOKENS) return void res.write(`data: {"type":"text-delta","id":"t","delta":"x"}\n\n`);
          clearInterval(timer);
          res.end(`data: {"type":"finish"}\n\ndata: [DONE]\n\n`);
        }, TOKEN_MS);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("spreads its clients' first turns over one answer's length, then sends turns back to back", async () => {
    const clients = 8;
    const t0 = performance.now();
    const sample = await closedLoop(() => ({ url, target: "shoal", body: {} }), clients, ANSWER_MS * 2, ANSWER_MS);

    expect(sample.results.every((r) => r.ok && r.tokens === TOKENS)).toBe(true);
    // Each client sent more than one turn within the two cycles.
    expect(sample.results.length).toBeGreaterThan(clients);
    // The first turns (one per client) arrived over most of a cycle: the last client waited
    // 7/8 of it (350 ms here). Started within 5 ms × N as before, they would span ≈ 35 ms.
    const first = arrivals.slice(0, clients).map((t) => t - t0);
    expect(Math.max(...first) - Math.min(...first)).toBeGreaterThan(ANSWER_MS * 0.7);
  });
});

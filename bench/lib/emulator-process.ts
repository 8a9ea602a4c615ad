// The DeepSeek emulator as its own process, plus a count of requests in flight (served on a
// second port) so the benchmark can see when Shoal really releases its upstream requests.
// Usage: node bench/lib/emulator-process.ts <port> <statsPort> <tokenDelayMs>
import { subscribe } from "node:diagnostics_channel";
import { createServer, type ServerResponse } from "node:http";
import { startEmulator } from "../../tests/support/deepseek-emulator/server.ts";

const [port, statsPort, delay] = process.argv.slice(2).map(Number);
let inflight = 0;
subscribe("http.server.request.start", (message) => {
  const { response } = message as { response: ServerResponse };
  inflight++;
  response.once("close", () => inflight--);
});
const emulator = await startEmulator({ port, tokenDelayMs: delay });
createServer((_req, res) => res.end(JSON.stringify({ inflight: inflight - 1 }))).listen(statsPort, "127.0.0.1");
console.log(`emulator ${emulator.url}`);
process.on("SIGTERM", () => void emulator.close().finally(() => process.exit(0)));

// CLI: node tests/support/deepseek-emulator/cli.ts [--port 4010] [--delay 20] [--host 127.0.0.1]
//   [--keepalive-ms 1000] [--legacy-names accept|reject] [--replay-rule v4|legacy-r1] [--models a,b]
// Env fallbacks: EMULATOR_PORT, EMULATOR_TOKEN_DELAY_MS, EMULATOR_HOST, EMULATOR_KEEPALIVE_MS,
//   EMULATOR_LEGACY_NAMES, EMULATOR_REPLAY_RULE, EMULATOR_MODELS.
import { parseArgs } from "node:util";
import { startEmulator } from "./server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    delay: { type: "string" },
    host: { type: "string" },
    "keepalive-ms": { type: "string" },
    "legacy-names": { type: "string" },
    "replay-rule": { type: "string" },
    models: { type: "string" },
  },
});
const env = process.env;

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`Invalid ${name}: ${value}`);
    process.exit(2);
  }
  return n;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined || value === "") return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    console.error(`Invalid ${name}: ${value} (expected ${allowed.join(" or ")})`);
    process.exit(2);
  }
  return value as T;
}

const models = (values.models ?? env.EMULATOR_MODELS)?.split(",").map((s) => s.trim()).filter(Boolean);
const emulator = await startEmulator({
  port: int(values.port ?? env.EMULATOR_PORT, 4010, "port"),
  host: values.host ?? env.EMULATOR_HOST ?? "127.0.0.1",
  tokenDelayMs: int(values.delay ?? env.EMULATOR_TOKEN_DELAY_MS, 20, "delay"),
  keepAliveMs: int(values["keepalive-ms"] ?? env.EMULATOR_KEEPALIVE_MS, 1000, "keepalive-ms"),
  legacyNames: oneOf(values["legacy-names"] ?? env.EMULATOR_LEGACY_NAMES, ["accept", "reject"], "legacy-names"),
  replayRule: oneOf(values["replay-rule"] ?? env.EMULATOR_REPLAY_RULE, ["v4", "legacy-r1"], "replay-rule"),
  models: models && models.length > 0 ? models : undefined,
});
console.log(`DeepSeek emulator listening on ${emulator.url}`);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  emulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);

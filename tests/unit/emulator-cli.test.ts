// The CLI runs the emulator sources directly under Node type stripping.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { postChat } from "../support/deepseek-emulator/client.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const localNode = path.join(repoRoot, "node_modules/.bin/node");
const nodeBin = existsSync(localNode) ? localNode : process.execPath;

it("starts from the command line, serves, and exits cleanly on SIGTERM", async () => {
  const child = spawn(nodeBin, ["tests/support/deepseek-emulator/cli.ts", "--port", "0", "--delay", "0"], {
    cwd: repoRoot,
    env: { ...process.env, EMULATOR_PORT: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("\n")) resolve(out.trim());
      });
      child.on("exit", () => reject(new Error(`cli exited early: ${stderr}`)));
    });
    expect(line).toMatch(/^DeepSeek emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice("DeepSeek emulator listening on ".length);
    const res = await postChat(url, { model: "deepseek-v4-flash", messages: [{ role: "user", content: "Hi" }] });
    expect((await res.json()).choices[0].message.content).toBe("**Echo:** You said: Hi");
  } finally {
    child.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
  expect(stderr).toBe("");
}, 15_000);

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** A fixed, obviously fake key: tests prove it never reaches a browser. */
export const CANARY_API_KEY = "sk-shoal-canary-0123456789abcdef0123456789abcdef";
export const TEST_AUTH_SECRET = "shoal-test-secret-0123456789abcdef0123456789";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type AppServer = {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Send a signal and resolve with the exit code once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
  output(): string;
};

/**
 * Starts the production build (`next start`) of this checkout against the given database and
 * DeepSeek base URL. The database must already be migrated. Requires `next build` to have run.
 */
export async function startApp(opts: {
  databaseUrl: string;
  deepseekBaseUrl: string;
  apiKey?: string | null;
  extraEnv?: Record<string, string>;
  /** Listen on this port (e.g. one already registered as an OAuth redirect URI); default: a free one. */
  port?: number;
  /**
   * Start it with package.json's `npm start` command (migrations, Node flags, server options) instead
   * of plain `next start`, as `npm start -- -H 127.0.0.1` would. `kill` then resolves with the shell's
   * exit code, once the server is gone too.
   */
  viaNpmStart?: boolean;
}): Promise<AppServer> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error("No production build found: run `npm run build` (npm test does it) before integration tests.");
  }
  const port = opts.port ?? (await freePort());
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: opts.databaseUrl,
    DEEPSEEK_BASE_URL: opts.deepseekBaseUrl,
    AUTH_SECRET: TEST_AUTH_SECRET,
    MODELS_CACHE_SECONDS: "0",
    ...(opts.apiKey === null ? {} : { DEEPSEEK_API_KEY: opts.apiKey ?? CANARY_API_KEY }),
    ...opts.extraEnv,
  };
  const child: ChildProcess = opts.viaNpmStart
    ? // The script as npm runs it (a shell), in its own process group so stopping it stops the server too.
      spawn("sh", ["-c", `${npmStartScript()} -H 127.0.0.1`], {
        cwd: root,
        env: { ...env, PORT: String(port), PATH: `${path.dirname(process.execPath)}:${env.PATH}` } as Record<string, string> as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      })
    : spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
        cwd: root,
        env: env as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
  const signal = (s: NodeJS.Signals) => {
    try {
      if (opts.viaNpmStart) {
        if (groupAlive(child.pid!)) process.kill(-child.pid!, s);
      } else if (child.exitCode === null && child.signalCode === null) child.kill(s);
    } catch {
      // already gone
    }
  };
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // The child has exited, and with npm start the server in its process group too (up to 15 s).
  const gone = async () => {
    const code = await exited;
    for (let i = 0; opts.viaNpmStart && i < 150 && groupAlive(child.pid!); i++) await new Promise((r) => setTimeout(r, 100));
    return code;
  };
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      signal("SIGKILL");
      throw new Error(`next start did not become healthy within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    port,
    output: () => output,
    kill: (sig) => {
      signal(sig);
      return gone();
    },
    stop: async () => {
      signal("SIGTERM");
      const escalate = setTimeout(() => signal("SIGKILL"), 5_000);
      await gone();
      clearTimeout(escalate);
    },
  };
}

/** package.json's `start` script. */
export function npmStartScript(): string {
  return (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

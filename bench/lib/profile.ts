// Summarises a V8 CPU profile (from the probe) by self time per function and per package.
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function bucket(url: string): string {
  if (!url) return "(native/gc/idle)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    const pkg = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    if (pkg === "next") {
      const m = /next\/dist\/(compiled\/[^/]+|server\/[^/]+|[^/]+)/.exec(url);
      return `next:${m?.[1] ?? "?"}`;
    }
    return pkg;
  }
  if (url.includes("/.next/server/chunks/")) return "app bundle (.next/server/chunks)";
  if (url.includes("/_next/static/chunks/")) return "page JS (_next/static/chunks)";
  if (url.startsWith("node:")) return "node core";
  return url.replace(/^file:\/\/\/work\/[^/]+\//, "");
}

export function summarizeProfile(file: string, top = 15) {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  // The probe's own profiler calls are not the app's work.
  const excluded = new Set<number>();
  const exclude = (id: number) => {
    excluded.add(id);
    for (const c of byId.get(id)?.children ?? []) exclude(c);
  };
  for (const n of p.nodes) if (n.callFrame.url.includes("bench/lib/probe")) exclude(n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => {
    if (!excluded.has(id)) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  let idle = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName || "(anonymous)";
    if (name === "(idle)") {
      idle += us;
      continue;
    }
    // libsql's synchronous native calls show up under a mislabelled native frame name.
    const key = `${name} ${bucket(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const b = name === "(garbage collector)" ? "(garbage collector)" : name === "(program)" ? "(program)" : bucket(n.callFrame.url);
    pkgs.set(b, (pkgs.get(b) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us: number) => Math.round((us / busy) * 1000) / 10;
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => ({ name: k, ms: Math.round(us / 1000), pctOfBusy: pct(us) }));
  return { wallMs: Math.round(total / 1000), busyMs: Math.round(busy / 1000), byPackage: sorted(pkgs), byFunction: sorted(fns) };
}

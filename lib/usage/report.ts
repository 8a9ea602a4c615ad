// Aggregates ledger rows into what the usage pages show. Pure, so it is unit-tested and usable on
// both pages; the costs come from each row's stored price, never today's.
import { cacheSavings, type PriceRow } from "./pricing";

export type ReportRow = {
  userId: string;
  userEmail: string;
  model: string;
  inputCacheHitTokens: number;
  inputCacheMissTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  peak: boolean;
  prices: PriceRow[];
  costUsd: number | null;
  costCny: number | null;
  estimated: boolean;
  startedAt: Date;
};

export type Bucket = {
  key: string;
  requests: number;
  hitTokens: number;
  missTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  tokens: number;
  costUsd: number;
  costCny: number;
  savedUsd: number;
  savedCny: number;
  /** Requests recorded without a CNY price (before CNY prices existed): CNY sums leave them out. */
  missingCny: number;
  /** By-user buckets only. */
  userId?: string;
};

export type UsageReport = {
  totals: Bucket & { cacheHitRate: number; estimatedRequests: number };
  byDay: Bucket[];
  byModel: Bucket[];
  byUser: Bucket[];
};

const empty = (key: string): Bucket => ({ key, requests: 0, hitTokens: 0, missTokens: 0, outputTokens: 0, reasoningTokens: 0, tokens: 0, costUsd: 0, costCny: 0, savedUsd: 0, savedCny: 0, missingCny: 0 });

function add(b: Bucket, r: ReportRow): void {
  b.requests += 1;
  b.hitTokens += r.inputCacheHitTokens;
  b.missTokens += r.inputCacheMissTokens;
  b.outputTokens += r.outputTokens;
  b.reasoningTokens += r.reasoningTokens;
  b.tokens += r.inputCacheHitTokens + r.inputCacheMissTokens + r.outputTokens;
  b.costUsd += r.costUsd ?? 0;
  b.costCny += r.costCny ?? 0;
  const usd = r.prices.find((p) => p.currency === "USD" && p.peak === r.peak);
  if (usd) b.savedUsd += cacheSavings(r.inputCacheHitTokens, usd);
  const cny = r.prices.find((p) => p.currency === "CNY" && p.peak === r.peak);
  if (cny) b.savedCny += cacheSavings(r.inputCacheHitTokens, cny);
  if (r.costCny === null) b.missingCny += 1;
}

/** UTC calendar day, as budgets use. */
export const dayKey = (d: Date) => d.toISOString().slice(0, 10);

export function buildReport(rows: readonly ReportRow[], range?: { from: Date; to: Date }): UsageReport {
  const totals = empty("total");
  const days = new Map<string, Bucket>();
  const models = new Map<string, Bucket>();
  const users = new Map<string, Bucket>();
  if (range) {
    for (let d = new Date(range.from); d < range.to; d = new Date(d.getTime() + 86_400_000)) days.set(dayKey(d), empty(dayKey(d)));
  }
  let estimatedRequests = 0;
  for (const r of rows) {
    add(totals, r);
    if (r.estimated) estimatedRequests += 1;
    const day = dayKey(r.startedAt);
    if (!days.has(day)) days.set(day, empty(day));
    add(days.get(day)!, r);
    if (!models.has(r.model)) models.set(r.model, empty(r.model));
    add(models.get(r.model)!, r);
    if (!users.has(r.userEmail)) users.set(r.userEmail, { ...empty(r.userEmail), userId: r.userId });
    add(users.get(r.userEmail)!, r);
  }
  const input = totals.hitTokens + totals.missTokens;
  const round = (b: Bucket): Bucket => ({ ...b, costUsd: r9(b.costUsd), costCny: r9(b.costCny), savedUsd: r9(b.savedUsd), savedCny: r9(b.savedCny) });
  return {
    totals: { ...round(totals), cacheHitRate: input === 0 ? 0 : totals.hitTokens / input, estimatedRequests },
    byDay: [...days.values()].sort((a, b) => a.key.localeCompare(b.key)).map(round),
    byModel: [...models.values()].sort((a, b) => b.costUsd - a.costUsd).map(round),
    byUser: [...users.values()].sort((a, b) => b.costUsd - a.costUsd || b.tokens - a.tokens).map(round),
  };
}

const r9 = (n: number) => Math.round(n * 1e9) / 1e9;

const CSV_COLUMNS = [
  "startedAt", "finishedAt", "user", "source", "model", "status", "estimated", "peak",
  "inputCacheHitTokens", "inputCacheMissTokens", "outputTokens", "reasoningTokens", "costUsd", "costCny", "chatId", "apiTokenId", "errorCode",
] as const;

type CsvRow = ReportRow & { finishedAt: Date | null; source: string; status: string; chatId: string | null; apiTokenId: string | null; errorCode: string | null };

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function toCsv(rows: readonly CsvRow[]): string {
  const cell = (v: unknown): string => {
    let s = v instanceof Date ? v.toISOString() : v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s) && typeof v === "string") s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = rows.map((r) =>
    [r.startedAt, r.finishedAt, r.userEmail, r.source, r.model, r.status, r.estimated, r.peak, r.inputCacheHitTokens, r.inputCacheMissTokens, r.outputTokens, r.reasoningTokens, r.costUsd, r.costCny, r.chatId, r.apiTokenId, r.errorCode]
      .map(cell)
      .join(","),
  );
  return [CSV_COLUMNS.join(","), ...lines].join("\r\n") + "\r\n";
}

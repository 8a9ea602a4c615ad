import "server-only";
import { defaultPriceRows, type Currency, type PriceRow } from "@/lib/usage/pricing";
import { processCache } from "@/lib/ops/process-cache";
import { getDb } from "../client";

export type StoredPrice = PriceRow & { id: string; validFrom: Date };

// Defaults apply from the epoch so that every record, however old, finds a price.
const EPOCH = new Date(0);
let seeded = false;

/** Writes the catalog's default prices once per database (idempotent: fixed ids). */
export async function ensureDefaultPrices(): Promise<void> {
  if (seeded) return;
  const db = getDb();
  for (const row of defaultPriceRows()) {
    const id = `default-${row.model}-${row.currency}-${row.peak ? "peak" : "offpeak"}`;
    await db.modelPrice.upsert({ where: { id }, update: {}, create: { id, ...row, validFrom: EPOCH } });
  }
  seeded = true;
}

/**
 * Every price row, newest first. Read for each usage record, so kept in process memory for
 * PRICES_CACHE_MS; setPrice() refreshes this instance at once, other instances follow within
 * PRICES_CACHE_MS. Rows with a future validFrom are kept too: the filter by time happens per use.
 */
export const PRICES_CACHE_MS = 10_000;
const priceTable = processCache("model-prices", PRICES_CACHE_MS, async () => {
  await ensureDefaultPrices();
  return getDb().modelPrice.findMany({ orderBy: [{ validFrom: "desc" }, { createdAt: "desc" }] });
});

/** For each (currency, window) the newest row for `model` with validFrom <= at. */
export async function pricesInForce({ model, at }: { model: string; at: Date }): Promise<PriceRow[]> {
  const rows = await priceTable.get();
  const seen = new Map<string, PriceRow>();
  for (const r of rows) {
    if (r.model !== model || r.validFrom > at) continue;
    const key = `${r.currency}:${r.peak}`;
    if (!seen.has(key)) {
      seen.set(key, { model: r.model, currency: r.currency as Currency, peak: r.peak, cacheHit: r.cacheHit, cacheMiss: r.cacheMiss, output: r.output });
    }
  }
  return [...seen.values()];
}

/** The current price list (newest row per model/currency/window), for the admin page. */
export async function listCurrentPrices(): Promise<StoredPrice[]> {
  await ensureDefaultPrices();
  const now = new Date();
  const rows = await getDb().modelPrice.findMany({ where: { validFrom: { lte: now } }, orderBy: [{ validFrom: "desc" }, { createdAt: "desc" }] });
  const seen = new Map<string, StoredPrice>();
  for (const r of rows) {
    const key = `${r.model}:${r.currency}:${r.peak}`;
    if (!seen.has(key)) seen.set(key, { ...r, currency: r.currency as Currency });
  }
  return [...seen.values()].sort((a, b) => a.model.localeCompare(b.model) || a.currency.localeCompare(b.currency) || Number(a.peak) - Number(b.peak));
}

/** A new price takes effect from `validFrom` (default now); older records keep the price they stored. */
export async function setPrice(row: PriceRow & { validFrom?: Date }): Promise<void> {
  await ensureDefaultPrices();
  await getDb().modelPrice.create({ data: { ...row, validFrom: row.validFrom ?? new Date() } });
  priceTable.invalidate();
}

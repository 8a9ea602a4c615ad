import { emptyUsage, type ImportNote, type ShoalMessage, type ShoalPart } from "../format";

export type ConvertOptions = { defaultModel: string };

/** A converter's reason to refuse one chat; it becomes a per-chat "invalid" skip, not a failed import. */
export class ConvertError extends Error {}

export class Notes {
  private set = new Set<ImportNote>();
  add(note: ImportNote) {
    this.set.add(note);
  }
  list(): ImportNote[] {
    return [...this.set].sort();
  }
}

/** Source ids become Shoal ids ([A-Za-z0-9_-], ≤ 64), unique within the chat. */
export function idMaker() {
  const used = new Set<string>();
  return (raw: unknown, fallback: string): string => {
    let id = typeof raw === "string" || typeof raw === "number" ? String(raw).replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) : "";
    if (!id) id = fallback;
    let candidate = id;
    for (let n = 2; used.has(candidate); n++) candidate = `${id.slice(0, 58)}_${n}`;
    used.add(candidate);
    return candidate;
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Milliseconds from a number (seconds if it looks like seconds), an ISO string or a locale date string. */
export function toMillis(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
  if (typeof value !== "string" || !value.trim()) return null;
  const parsed = Date.parse(value);
  if (!Number.isNaN(parsed)) return parsed;
  // NextChat stores `new Date().toLocaleString()`, e.g. "2024/5/12 14:03:11" or "12/05/2024, 2:03:11 PM".
  const m = value.match(/(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})\D+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|上午|下午)?/i);
  if (!m) return null;
  let hour = Number(m[4]);
  const ampm = m[7]?.toLowerCase();
  if ((ampm === "pm" || ampm === "下午") && hour < 12) hour += 12;
  if ((ampm === "am" || ampm === "上午") && hour === 12) hour = 0;
  const ms = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour, Number(m[5]), Number(m[6] ?? 0)).getTime();
  return Number.isNaN(ms) ? null : ms;
}

export function textPart(text: string): ShoalPart {
  return { type: "text", text };
}

export function reasoningPart(text: string): ShoalPart {
  return { type: "reasoning", text };
}

export function message(fields: {
  id: string;
  parentId: string | null;
  role: ShoalMessage["role"];
  parts: ShoalPart[];
  createdAt: number;
  model?: string | null;
  status?: ShoalMessage["status"];
  errorCode?: string | null;
  finishReason?: string | null;
}): ShoalMessage {
  return {
    id: fields.id,
    parentId: fields.parentId,
    role: fields.role,
    parts: fields.parts,
    model: fields.model ?? null,
    status: fields.status ?? "complete",
    errorCode: fields.errorCode ?? null,
    finishReason: fields.finishReason ?? null,
    usage: emptyUsage(),
    createdAt: iso(fields.createdAt),
    updatedAt: iso(fields.createdAt),
  };
}

export function titleOr(title: unknown, fallback: string): string {
  const t = typeof title === "string" ? title.trim() : "";
  return (t || fallback).slice(0, 500);
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

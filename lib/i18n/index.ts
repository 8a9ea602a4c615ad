import { en, type MessageKey } from "./en";
import { zh } from "./zh";

export type Locale = "en" | "zh";
export const LOCALES: readonly Locale[] = ["zh", "en"];
export const LOCALE_COOKIE = "shoal-locale";
export type { MessageKey };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, zh };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, vars) => {
    const text = dict[key] ?? en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  };
}

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "zh";
}

/** Pick a locale from a cookie value, else from Accept-Language (zh-* → zh), else English. */
export function negotiateLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag, q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((x) => x.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}

/** Keys for a stable error code, choosing the admin/member variant when one exists. */
export function errorMessageKey(code: string | undefined, isAdmin: boolean): MessageKey {
  if (!code) return "error.unknown";
  const roleKey = `error.${code}.${isAdmin ? "admin" : "member"}`;
  if (roleKey in en) return roleKey as MessageKey;
  const key = `error.${code}`;
  return key in en ? (key as MessageKey) : "error.unknown";
}

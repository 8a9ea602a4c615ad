import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, negotiateLocale, translator, type Locale } from "./index";

export async function getLocale(): Promise<Locale> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(c.get(LOCALE_COOKIE)?.value, h.get("accept-language"));
}

export async function getTranslator() {
  const locale = await getLocale();
  return { locale, t: translator(locale) };
}

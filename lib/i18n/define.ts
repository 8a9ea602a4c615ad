/**
 * One feature's strings in both languages. The Chinese table must have exactly the English keys,
 * so a missing translation is a type error, not a runtime surprise.
 */
export function defineMessages<const T extends Record<string, string>>(en: T, zh: { [K in keyof T]: string }) {
  return { en, zh };
}

import { THEMES, type Theme } from "./schema";

// The theme is read on the server from a cookie so the first paint is already right (no flash).
export const THEME_COOKIE = "shoal-theme";
export function parseTheme(value: string | undefined): Theme {
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";
}
export function writeThemeCookie(theme: Theme): void {
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.dataset.theme = theme;
}

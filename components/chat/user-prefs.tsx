"use client";
import { createContext, useContext } from "react";
import type { UserPrefs } from "@/lib/settings/schema";
import { DEFAULT_USER_PREFS } from "@/lib/settings/schema";

const UserPrefsContext = createContext<UserPrefs>(DEFAULT_USER_PREFS);

export function UserPrefsProvider({ prefs, children }: { prefs: UserPrefs; children: React.ReactNode }) {
  return <UserPrefsContext.Provider value={prefs}>{children}</UserPrefsContext.Provider>;
}

export function useUserPrefs(): UserPrefs {
  return useContext(UserPrefsContext);
}

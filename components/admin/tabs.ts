// The console's tabs, in order. Plain module (not "use client") so the server page can validate ?tab=.
export const ADMIN_TABS = ["users", "invites", "signup", "sharing", "deepseek", "audit"] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];
export const isAdminTab = (v: string): v is AdminTab => (ADMIN_TABS as readonly string[]).includes(v);

import { defineMessages } from "../define";

// Admin console, second pass: the Sharing tab, per-user budgets from the Users panel, copyable invitation links.
export const admin2 = defineMessages(
  {
    "admin.tab.sharing": "Sharing",
    "admin.users.budget": "Budget…",
    "admin.users.budgetTitle": "Budget for {email}",
    "admin.invites.note": "Each link works once, until it expires or is revoked. Pending links can be copied again here.",
    "admin.invites.copied": "Copied",
    "admin.invites.copyUnavailable": "Copy unavailable — create a new link",
    "usage.sharingMoved": "The public links switch is in the admin console:",
    "usage.sharingMovedLink": "Sharing settings",
  },
  {
    "admin.tab.sharing": "分享",
    "admin.users.budget": "预算…",
    "admin.users.budgetTitle": "{email} 的预算",
    "admin.invites.note": "每个链接只能使用一次，过期或撤销后失效。待使用的链接可以在这里再次复制。",
    "admin.invites.copied": "已复制",
    "admin.invites.copyUnavailable": "无法复制——请创建新链接",
    "usage.sharingMoved": "公开链接开关位于管理控制台：",
    "usage.sharingMovedLink": "分享设置",
  },
);

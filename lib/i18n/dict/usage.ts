import { defineMessages } from "../define";

// Usage, cost, budgets, API tokens and DeepSeek balance pages.
export const usage = defineMessages(
  {
    "usage.nav": "Usage",
  },
  {
    "usage.nav": "用量",
  },
);

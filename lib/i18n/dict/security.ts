import { defineMessages } from "../define";

// Security and operations: request rejections and upstream waiting/retry progress.
export const security = defineMessages(
  {
    "error.forbidden:api": "This request was refused because it did not come from this site. Reload the page and try again.",
    "error.payload_too_large:api": "The request is too large.",
    "error.bad_request:api": "The request was invalid.",
    "upstream.waiting": "DeepSeek is busy, waiting…",
    "upstream.retrying": "DeepSeek is busy, retrying ({attempt}/{max})…",
  },
  {
    "error.forbidden:api": "请求来源不是本站，已被拒绝。请刷新页面后重试。",
    "error.payload_too_large:api": "请求内容过大。",
    "error.bad_request:api": "请求无效。",
    "upstream.waiting": "DeepSeek 繁忙，正在等待…",
    "upstream.retrying": "DeepSeek 繁忙，正在重试（{attempt}/{max}）…",
  },
);

/**
 * What the browser gets for `rehype-raw` (next.config.ts, `turbopack.resolveAlias`).
 *
 * Streamdown imports it for its `defaultRehypePlugins.raw`, which parses HTML inside Markdown with
 * parse5. Shoal renders answers with `skipHtml` and only the sanitize and harden plugins
 * (components/chat/markdown.tsx), so in the browser it was ~150 KiB of the Markdown chunk's code
 * that never ran. Were it ever used, this plugin leaves the tree as it is: raw HTML stays unparsed
 * and is not rendered, which is what `skipHtml` asks for anyway.
 */
export default function rehypeRaw() {
  return undefined;
}

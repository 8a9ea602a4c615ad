"use client";
import { code } from "@streamdown/code";
import { createMathPlugin } from "@streamdown/math";
import "katex/dist/katex.min.css";
import { memo, useMemo } from "react";
import { defaultRehypePlugins, Streamdown, type Components } from "streamdown";
import { useI18n } from "@/lib/i18n/client";

// Model output is untrusted. Raw HTML is dropped (skipHtml, and rehype-raw is left out of the
// pipeline), rehype-sanitize + the default urlTransform strip script, event handlers and
// javascript:/data: URLs, and KaTeX runs with trust off so \href/\url/\htmlData stay inert.
const rehypePlugins = [defaultRehypePlugins.sanitize, defaultRehypePlugins.harden];
const plugins = { code, math: createMathPlugin({ singleDollarTextMath: false }) };

/** Remote images are never fetched: loading one would let a prompt-injected answer leak data via its URL. */
function BlockedImage({ src, alt }: { src?: unknown; alt?: string }) {
  const { t } = useI18n();
  const url = typeof src === "string" && /^https?:\/\//i.test(src) ? src : undefined;
  const label = alt || (url ? new URL(url).hostname : "");
  const text = t("md.image", { label });
  return url ? (
    <a href={url} target="_blank" rel="noopener noreferrer nofollow" data-testid="md-image-link" className="md-image-link">
      {text}
    </a>
  ) : (
    <span data-testid="md-image-link" className="md-image-link">{text}</span>
  );
}

const components: Components = {
  img: ({ node: _node, src, alt }) => <BlockedImage src={src} alt={typeof alt === "string" ? alt : undefined} />,
};

type Props = { text: string; streaming?: boolean };

/**
 * Streamdown splits the text into blocks and memoizes each one, so while an answer streams only the
 * last block is parsed again per update; finished blocks keep their rendered DOM.
 */
export const Markdown = memo(function Markdown({ text, streaming = false }: Props) {
  const { t } = useI18n();
  const translations = useMemo(
    () => ({
      copyCode: t("md.copyCode"),
      copied: t("md.copied"),
      copyTable: t("md.copyTable"),
      openLink: t("md.openLink"),
      openExternalLink: t("md.openLink"),
      externalLinkWarning: t("md.externalLinkWarning"),
      close: t("md.close"),
      copyLink: t("md.copyLink"),
    }),
    [t],
  );
  return (
    <Streamdown
      className="prose-chat break-words leading-relaxed"
      mode={streaming ? "streaming" : "static"}
      isAnimating={streaming}
      skipHtml
      rehypePlugins={rehypePlugins}
      plugins={plugins}
      components={components}
      controls={{ code: { copy: true, download: false }, table: { copy: true, download: false, fullscreen: false }, mermaid: false, image: false }}
      shikiTheme={["github-light", "github-dark"]}
      lineNumbers={false}
      translations={translations}
    >
      {text}
    </Streamdown>
  );
});

"use client";
import { createMathPlugin } from "@streamdown/math";
import { memo, useEffect, useMemo, useRef } from "react";
import { type BundledLanguage, defaultRehypePlugins, Streamdown, type Components } from "streamdown";
import { type MathCache, normalizeMathDelimiters } from "@/lib/chat/math-delimiters";
import { advanceSegments, initialSegments, segmentsOf, type SegmentState } from "@/lib/chat/stream-segments";
import { workerCode } from "@/lib/highlight/client";
import { useI18n } from "@/lib/i18n/client";

// Model output is untrusted. Raw HTML is dropped (skipHtml, and rehype-raw is left out of the
// pipeline), rehype-sanitize + the default urlTransform strip script, event handlers and
// javascript:/data: URLs, and KaTeX runs with trust off so \href/\url/\htmlData stay inert.
const rehypePlugins = [defaultRehypePlugins.sanitize, defaultRehypePlugins.harden];
// Code blocks are highlighted by shiki in a worker (lib/highlight), not on the page's main thread.
const plugins = { code: workerCode, math: createMathPlugin({ singleDollarTextMath: false }) };

/**
 * Has the highlighter's worker highlight a block of code (starting it if need be), for the warm-up
 * (lazy-markdown.tsx): its sample's code block may not get to ask before the warm-up ends (its
 * highlighted body is a lazy chunk of Streamdown's, and on a busy machine the warm-up's steps can
 * outrun it). A block already highlighted is answered from the cache.
 */
export function warmUpHighlighter(code: string, language: BundledLanguage): void {
  workerCode.highlight({ code, language, themes: workerCode.getThemes() }, () => undefined);
}

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
type Translations = Record<string, string>;

/**
 * One Streamdown document. `live`: a piece of an answer that streamed here. It stays in Streamdown's
 * streaming mode after it has finished, so the blocks it rendered are kept: switching a piece to
 * static mode would render it again from scratch (parse, KaTeX, tables, highlighted code) in one
 * task. Only the piece still being written completes unfinished Markdown (an open `**` or link).
 */
const Piece = memo(function Piece({ text, live, streaming, done = false, translations }: { text: string; live: boolean; streaming: boolean; done?: boolean; translations: Translations }) {
  // DeepSeek's `\[ … \]` and `\( … \)` become the `$$` that the math plugin reads.
  const parsed = useRef<MathCache>({ text: "", stable: 0, ranges: [] });
  const markdown = useMemo(() => normalizeMathDelimiters(text, streaming, parsed.current), [text, streaming]);
  return (
    <Streamdown
      className={live ? `prose-chat md-piece${done ? " md-piece-done" : ""} break-words leading-relaxed` : "prose-chat break-words leading-relaxed"}
      mode={live ? "streaming" : "static"}
      isAnimating={streaming}
      parseIncompleteMarkdown={streaming}
      skipHtml
      rehypePlugins={rehypePlugins}
      plugins={plugins}
      components={components}
      controls={{ code: { copy: true, download: false }, table: { copy: true, download: false, fullscreen: false }, mermaid: false, image: false }}
      shikiTheme={["github-light", "github-dark"]}
      lineNumbers={false}
      translations={translations}
    >
      {markdown}
    </Streamdown>
  );
});

/**
 * Streamdown splits the text into blocks and memoizes each one. While an answer streams, it is
 * also cut into pieces at safe places (lib/chat/stream-segments.ts) so that finished pieces are
 * neither parsed nor laid out again as the answer grows: per-update work stays bounded by the last
 * piece, not the whole answer. An answer that streamed here keeps its pieces when it ends: rendering
 * it again as one document would parse and lay out all of it at once (in the benchmark, tasks of
 * 72–834 ms right after the last token), lose a selection made while it streamed, and could shift
 * the page. An answer that did not stream here (loaded, or scrolled back into view) renders
 * as one document. Every piece but the last is `done` once it has been on the page: off screen
 * and neither pointed at nor focused, the browser skips it (`.md-piece-done` in globals.css), so
 * a frame's work no longer grows with the answer.
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
  const segments = useRef<{ state: SegmentState; text: string } | null>(null);
  // The pieces that have been on the page (a commit, and so a frame, after they first rendered).
  // Only those are `done`: a piece skipped off screen holds the height it last had on the page,
  // and pieces that arrive finished (a continuation replays the stored answer, a reload resumes
  // the stream) have had none yet.
  const shown = useRef(new Set<number>());
  useEffect(() => {
    for (const cut of segments.current?.state.cuts ?? []) shown.current.add(cut);
  });
  const prev = segments.current;
  // The cuts hold while the text only grows (a continuation streams on from them); any other
  // change starts over.
  const kept = prev && text.startsWith(prev.text) ? prev.state : null;
  if (!streaming && !kept) {
    segments.current = null;
    return <Piece text={text} live={false} streaming={false} translations={translations} />;
  }
  // Pure and incremental: rendering twice with the same text gives the same cuts.
  const state = advanceSegments(kept ?? initialSegments(), text);
  segments.current = { state, text };
  const pieces = segmentsOf(state, text);
  return (
    <div data-testid="md-pieces">
      {pieces.map((piece, i) => (
        <Piece key={state.cuts[i]} text={piece} live streaming={streaming && i === pieces.length - 1} done={i < pieces.length - 1 && shown.current.has(state.cuts[i])} translations={translations} />
      ))}
    </div>
  );
});

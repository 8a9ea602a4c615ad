"use client";
// KaTeX's stylesheet is part of the page's CSS, not the lazy chunk's: answers arrive as formatted
// HTML before the chunk, and KaTeX's markup without its stylesheet shows every formula twice.
import "katex/dist/katex.min.css";
import { lazy, memo, Suspense } from "react";

type Props = { text: string; streaming?: boolean };

/**
 * The markdown stack (Streamdown with its remark/rehype pipeline and KaTeX; code is highlighted in
 * a worker, lib/highlight) is the heaviest part of the chat page, so it is a separate chunk loaded
 * on demand (React.lazy) instead of part of the page's first-load JS (bench/sections/client.ts
 * measures it). The server still renders answers as formatted HTML; hydrating them waits for the
 * chunk, which the browser fetches right after the page's own scripts. Rendered on the client
 * before the chunk has arrived (e.g. the first answer of a new chat), an answer shows as plain text
 * in the same box.
 */
const LazyMarkdown = lazy(() => import("./markdown").then((m) => ({ default: m.Markdown })));

export const Markdown = memo(function Markdown({ text, streaming = false }: Props) {
  return (
    <Suspense
      fallback={
        <div className="prose-chat whitespace-pre-wrap break-words leading-relaxed" data-testid="markdown-pending">
          {text}
        </div>
      }
    >
      <LazyMarkdown text={text} streaming={streaming} />
    </Suspense>
  );
});

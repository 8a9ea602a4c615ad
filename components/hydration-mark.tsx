"use client";
import { useEffect } from "react";

/**
 * Marks the page as working: `<html data-hydrated>` once React has hydrated it and run its effects
 * (rendered last in the body, so its effect runs after every other one in the page's first commit).
 * Before that, buttons and shortcuts do nothing. End-to-end tests and uptime checks that drive the
 * page wait for it after a full page load. Not covered: stored answers' Markdown, which hydrates in
 * its own Suspense boundary once its lazy chunk has arrived (components/chat/lazy-markdown.tsx); its
 * text is the server's until then. (A `loading.tsx` would put a whole page in such a boundary,
 * hydrated in a later commit than this mark: there is none.)
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return null;
}

"use client";
import { useEffect } from "react";

/**
 * Marks the page as working: `<html data-hydrated>` once React has hydrated it and run its effects
 * (rendered last in the body, so its effect runs after every other one in the page's first commit).
 * Before that, buttons and shortcuts do nothing. End-to-end tests and uptime checks that drive the
 * page wait for it after a full page load. (A `loading.tsx` would put the page in a Suspense boundary
 * of its own, hydrated in a later commit than this mark: there is none.)
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return null;
}

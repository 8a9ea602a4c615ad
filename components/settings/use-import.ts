"use client";
import { useCallback, useRef, useState } from "react";
import { MAX_IMPORT_BYTES } from "@/lib/portability/format";
import type { ImportEvent } from "@/lib/portability/import";

type ChatEvent = Extract<ImportEvent, { type: "chat" }>;
export type ImportState = {
  phase: "idle" | "running" | "done" | "failed";
  uploadPercent: number;
  format?: string;
  imported: number;
  skipped: number;
  results: ChatEvent[];
  errorReason?: string;
};

const SHOWN_RESULTS = 500;
const initial: ImportState = { phase: "idle", uploadPercent: 0, imported: 0, skipped: 0, results: [] };

/**
 * Uploads a file to /api/import with XMLHttpRequest, which reports upload progress (fetch cannot),
 * and reads the NDJSON answer as it streams in.
 */
export function useImport(onFinished: () => void) {
  const [state, setState] = useState<ImportState>(initial);
  const xhrRef = useRef<XMLHttpRequest | null>(null);

  const start = useCallback(
    (file: File) => {
      xhrRef.current?.abort();
      if (file.size > MAX_IMPORT_BYTES) {
        setState({ ...initial, phase: "failed", errorReason: "too_large" });
        return;
      }
      const xhr = new XMLHttpRequest();
      xhrRef.current = xhr;
      let offset = 0;
      setState({ ...initial, phase: "running" });

      const apply = (event: ImportEvent) =>
        setState((s) => {
          if (event.type === "start") return { ...s, format: event.format };
          if (event.type === "chat") {
            const results = s.results.length < SHOWN_RESULTS ? [...s.results, event] : s.results;
            return event.status === "imported" ? { ...s, imported: s.imported + 1, results } : { ...s, skipped: s.skipped + 1, results };
          }
          if (event.type === "done") return { ...s, phase: "done", uploadPercent: 100 };
          if (event.type === "error") return { ...s, phase: "failed", errorReason: "reason" in event ? event.reason : "unknown" };
          return s;
        });
      const readLines = () => {
        if (xhr.status !== 200) return;
        const text = xhr.responseText;
        const end = text.lastIndexOf("\n") + 1;
        if (end <= offset) return;
        for (const line of text.slice(offset, end).split("\n")) if (line.trim()) apply(JSON.parse(line) as ImportEvent);
        offset = end;
      };

      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) setState((s) => ({ ...s, uploadPercent: Math.floor((e.loaded / e.total) * 100) }));
      };
      xhr.onprogress = readLines;
      xhr.onload = () => {
        if (xhr.status === 200) {
          readLines();
          setState((s) => (s.phase === "running" ? { ...s, phase: "failed", errorReason: "unknown" } : s));
        } else {
          let reason = "unknown";
          try {
            reason = (JSON.parse(xhr.responseText) as { error?: { detail?: { reason?: string } } }).error?.detail?.reason ?? reason;
          } catch {
            // not JSON: keep the generic reason
          }
          setState((s) => ({ ...s, phase: "failed", errorReason: reason }));
        }
        onFinished();
      };
      xhr.onerror = () => setState((s) => ({ ...s, phase: "failed", errorReason: "network" }));
      xhr.open("POST", "/api/import");
      xhr.setRequestHeader("content-type", "application/octet-stream");
      xhr.send(file);
    },
    [onFinished],
  );

  return { state, start };
}

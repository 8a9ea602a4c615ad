// (5) Client: first-load JS of the chat page (gzip, the scripts the HTML loads from the build), and
// streaming a long answer into a long chat in headless Chromium: long tasks, dropped frames, time
// from the last token's arrival to the frame that shows it.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { summarizeProfile } from "../lib/profile.ts";
import { root, type Stack } from "../lib/stack.ts";
import { median, round, log } from "../lib/stats.ts";
import { newId } from "../lib/streams.ts";

/** One answer streamed into the long chat: what it is, how many tokens, how fast (ms per token). */
export type ClientAnswerConfig = { kind: ClientAnswer; tokens: number; paceMs: number };
/** `repeats`: runs per answer, each in a fresh page and chat; the report gives their median (the machine is shared). */
export type ClientConfig = { historyMessages: number; repeats?: number; answers: ClientAnswerConfig[] };

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

async function seedChat(stack: Stack, messages: number): Promise<string> {
  const db = stack.db.db;
  const chatId = newId("ui");
  await db.chat.create({ data: { id: chatId, userId: stack.db.userId, title: "Long chat", model: "deepseek-flash", thinking: false } });
  const answer = "Here is **an answer** with a list:\n\n- first point about the topic\n- second point with `code`\n\nAnd a closing paragraph of ordinary prose. ".repeat(3);
  let parentId: string | null = null;
  const t0 = Date.now() - 3_600_000;
  const data = [];
  for (let i = 0; i < messages; i++) {
    const id = newId("um");
    const user = i % 2 === 0;
    const text = user ? `Question ${i / 2}?` : answer;
    data.push({ id, chatId, parentId, role: user ? "user" : "assistant", parts: [{ type: "text", text }], searchText: text, status: "complete", model: user ? null : "deepseek-flash", createdAt: new Date(t0 + i * 1000) });
    parentId = id;
  }
  await db.message.createMany({ data });
  await db.chat.update({ where: { id: chatId }, data: { activeLeafId: parentId } });
  return chatId;
}

/**
 * The scripts a page's HTML makes a current browser load: every `<script src>`, once, except those
 * marked `nomodule` (polyfills for browsers without ES modules, which a current browser skips).
 */
export function pageScripts(html: string): string[] {
  const tags = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]).filter((tag) => !/\snomodule(?=[\s=>])/i.test(tag));
  return [...new Set(tags.map((tag) => /\ssrc="([^"]+\.js)"/.exec(tag)?.[1]).filter((src): src is string => !!src))];
}

/** The size of the build's scripts at these `/_next/...` paths, raw and gzipped (level 9). */
function scriptBytes(srcs: string[]) {
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const file = path.join(root, ".next", src.replace(/^\/_next\//, "").split("?")[0]);
    const buf = readFileSync(file);
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  return { scripts: srcs.length, rawKiB: round(raw / 1024), gzipKiB: round(gzip / 1024) };
}

export async function firstLoadJs(stack: Stack, pathname: string) {
  const html = await (await fetch(`${stack.app.url}${pathname}`, { headers: { cookie: stack.cookie } })).text();
  const srcs = pageScripts(html);
  return { page: pathname, ...scriptBytes(srcs), htmlKiB: round(Buffer.byteLength(html) / 1024), srcs };
}

/**
 * Counts how often `word` has arrived in a stream read chunk by chunk: returns a function that takes
 * the next decoded chunk and gives the count so far. Less than one word of the previous chunk is
 * kept, so a word split across two chunks is found, and none is found twice. Runs in the page (its
 * source is injected), so it uses nothing from outside.
 */
export function sightingCounter(word: string): (chunk: string) => number {
  let tail = "";
  let seen = 0;
  return (chunk) => {
    const text = tail + chunk;
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) seen++;
    tail = text.slice(text.length - (word.length - 1));
    return seen;
  };
}

/** What the page records (`window.__bench`). */
type Bench = {
  frames: number[];
  longTasks: Array<{ start: number; duration: number }>;
  lastTokenAt: number;
  shownAt: number;
  finishedAt: number;
  recording: boolean;
  /** Opening the chat: when a stored answer was first on screen, and when all of them were formatted (the frame after the one that showed it). */
  answersAt: number;
  formattedAt: number;
  /** The Markdown warm-up (lazy-markdown.tsx): 1 while its hidden sample is on the page, 2 once it has gone. */
  warmup: number;
};

// Runs in the page before any app script: records long tasks, every animation frame, when the last
// token arrives over the network, when the page shows it, and when the answer is saved as finished.
const INSTRUMENT = ({ lastWord, count }: { lastWord: string; count: number }) => {
  const w = window as unknown as Record<string, unknown>;
  const frames: number[] = [];
  const longTasks: Array<{ start: number; duration: number }> = [];
  const b: Bench = { frames, longTasks, lastTokenAt: 0, shownAt: 0, finishedAt: 0, recording: false, answersAt: 0, formattedAt: 0, warmup: 0 };
  w.__bench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  const originalFetch = window.fetch.bind(window);
  window.fetch = async (...args: Parameters<typeof fetch>) => {
    const res = await originalFetch(...args);
    const url = String(args[0] instanceof Request ? args[0].url : args[0]);
    if (url.endsWith("/api/chat") && res.body) {
      const [mine, theirs] = res.body.tee();
      void (async () => {
        const reader = mine.getReader();
        const dec = new TextDecoder();
        const seen = (w.__sightingCounter as typeof sightingCounter)(lastWord);
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          if (seen(dec.decode(value, { stream: true })) >= count && !b.lastTokenAt) b.lastTokenAt = performance.now();
        }
      })();
      return new Response(theirs, { status: res.status, statusText: res.statusText, headers: res.headers });
    }
    return res;
  };
  // A frame's time is when it starts, so what one frame finds in the page is on screen by the next.
  let found = { answers: false, formatted: false };
  const loop = (t: number) => {
    if (b.warmup < 2) b.warmup = document.querySelector('[data-testid="markdown-warmup"]') ? 1 : b.warmup && 2;
    if (!b.formattedAt) {
      if (found.answers) b.answersAt ||= t;
      if (found.formatted) b.formattedAt = t;
      const answers = !!document.querySelector('[data-testid="message-assistant"]');
      found = { answers, formatted: answers && !document.querySelector('[data-testid="markdown-pending"]') };
    }
    if (b.recording) {
      frames.push(t);
      // The page is looked at only once the last token has arrived, so that the measurement does
      // not read the growing answer's text every frame.
      if (b.lastTokenAt && !b.finishedAt) {
        const answers = document.querySelectorAll('[data-testid="message-assistant"]');
        const last = answers[answers.length - 1];
        if (!b.shownAt && (last?.textContent?.split(lastWord).length ?? 0) > count) b.shownAt = performance.now();
        if (b.shownAt && last?.getAttribute("data-status") === "complete") b.finishedAt = performance.now();
      }
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
};

/** How long after the answer is saved the end window stays open (its last renders and effects). */
const SETTLE_MS = 1_000;

/**
 * The answers streamed into the long chat: the emulator's directive, and the answer's last token
 * with how many times it occurs in the answer (the answer is complete once it has been seen that often).
 */
export const CLIENT_ANSWERS = {
  // One paragraph of numbered words: the worst case for layout (one block that keeps growing).
  words: (tokens: number) => ({ prompt: `[[long:${tokens}]]`, lastWord: `word${tokens}`, count: 1 }),
  // The emulator's Markdown sample (heading, table, task list, Python code fence, display math;
  // 50 tokens) repeated: code highlighting, tables and KaTeX, block after block. Each ends with "Done.".
  markdown: (tokens: number) => {
    const count = Math.max(1, Math.round(tokens / 50));
    return { prompt: `[[markdown:${count}]]`, lastWord: "Done.", count };
  },
} as const;
export type ClientAnswer = keyof typeof CLIENT_ANSWERS;

async function streamInto(
  browser: Browser,
  stack: Stack,
  historyMessages: number,
  { kind, tokens, paceMs }: ClientAnswerConfig,
  profileFile: string | undefined,
) {
  const chatId = await seedChat(stack, historyMessages);
  const { prompt, lastWord, count } = CLIENT_ANSWERS[kind](tokens);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
  try {
    await context.addCookies(
      stack.cookie.split("; ").map((kv) => {
        const i = kv.indexOf("=");
        return { name: kv.slice(0, i), value: kv.slice(i + 1), domain: "127.0.0.1", path: "/" };
      }),
    );
    await context.addInitScript({ content: `window.__sightingCounter = ${sightingCounter.toString()};` });
    await context.addInitScript(INSTRUMENT, { lastWord, count });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${stack.app.url}/chat/${chatId}`, { waitUntil: "load" });
    await page.getByTestId("message-assistant").last().waitFor();
    const loadMs = Date.now() - t0;
    // The page has finished loading once the stored answers are rendered as Markdown (its chunk is
    // loaded on demand, lazy-markdown.tsx): the question is sent after that, as a person reading
    // the chat first would, so that the page's own start-up is not counted as streaming.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="markdown-pending"]').length === 0, undefined, { timeout: 60_000, polling: 50 });
    await page.waitForTimeout(300);
    const readyMs = Date.now() - t0;
    // So has the Markdown warm-up it runs once idle (lazy-markdown.tsx; its long tasks count as
    // the page load's). A build without one waits the 10 s out.
    await page.waitForFunction(() => (window as unknown as { __bench: Bench }).__bench.warmup === 2, undefined, { timeout: 10_000, polling: 50 }).catch(() => undefined);
    await page.waitForTimeout(300);
    const rendered = await page.getByTestId("message-assistant").count();
    // Every script the page has loaded by now (the first load's, then those loaded on demand: the
    // Markdown chunk, KaTeX, the highlighter's worker and its languages).
    const loadedScripts = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.startsWith("/_next/static/") && p.endsWith(".js")),
    );
    await page.getByTestId("composer-input").fill(`${prompt} [[slow:${paceMs}]] stream it`);
    const sendAt = await page.evaluate(() => {
      const b = (window as unknown as { __bench: Bench }).__bench;
      b.recording = true;
      return performance.now();
    });
    // The page's own CPU profile while the answer streams and ends (Chrome DevTools Protocol).
    const cdp = profileFile ? await context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 1000 });
      await cdp.send("Profiler.start");
    }
    await page.getByTestId("send-button").click();
    const timeoutMs = Math.max(120_000, tokens * paceMs * 6);
    await page.waitForFunction(() => (window as unknown as { __bench: Bench }).__bench.finishedAt > 0, undefined, { timeout: timeoutMs, polling: 200 });
    await page.waitForTimeout(SETTLE_MS);
    let profile: ReturnType<typeof summarizeProfile> | undefined;
    if (cdp && profileFile) {
      const { profile: data } = await cdp.send("Profiler.stop");
      writeFileSync(profileFile, JSON.stringify(data));
      profile = summarizeProfile(profileFile);
    }
    const m = await page.evaluate(
      ({ sendAt, settleMs }) => {
        const b = (window as unknown as { __bench: Bench }).__bench;
        const window_ = (from: number, to: number) => {
          const frames = b.frames.filter((t) => t >= from && t <= to);
          let dropped = 0;
          let worst = 0;
          for (let i = 1; i < frames.length; i++) {
            const gap = frames[i] - frames[i - 1];
            worst = Math.max(worst, gap);
            dropped += Math.max(0, Math.round(gap / (1000 / 60)) - 1);
          }
          const tasks = b.longTasks.filter((t) => t.start >= from && t.start <= to);
          return {
            ms: to - from,
            expectedFrames: Math.round((to - from) / (1000 / 60)),
            dropped,
            worstFrameMs: worst,
            longTasks: tasks.length,
            longTaskTotalMs: tasks.reduce((a, t) => a + t.duration, 0),
            longestTaskMs: tasks.reduce((a, t) => Math.max(a, t.duration), 0),
          };
        };
        const before = b.longTasks.filter((t) => t.start < sendAt);
        const firstPaint = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
        return {
          pageLoad: {
            firstPaintMs: firstPaint,
            // Nothing is on screen before the first contentful paint (a frame's time can be).
            answersShownMs: b.answersAt ? Math.max(b.answersAt, firstPaint) : NaN,
            formattedMs: b.formattedAt ? Math.max(b.formattedAt, firstPaint) : NaN,
            longTasks: before.length,
            longTaskTotalMs: before.reduce((a, t) => a + t.duration, 0),
            longestTaskMs: before.reduce((a, t) => Math.max(a, t.duration), 0),
          },
          streaming: window_(sendAt, b.shownAt),
          end: window_(b.shownAt, b.finishedAt + settleMs),
          lastTokenToPaintMs: b.lastTokenAt ? b.shownAt - b.lastTokenAt : NaN,
          finishMs: b.finishedAt - b.shownAt,
        };
      },
      { sendAt, settleMs: SETTLE_MS },
    );
    const framesOf = (w: typeof m.streaming) => ({
      longTasks: w.longTasks,
      longTaskTotalMs: round(w.longTaskTotalMs),
      longestTaskMs: round(w.longestTaskMs),
      droppedFrames: w.dropped,
      droppedPct: round((w.dropped / Math.max(1, w.expectedFrames)) * 100),
      worstFrameMs: round(w.worstFrameMs),
    });
    const streaming = { streamSeconds: round(m.streaming.ms / 1000, 1), ...framesOf(m.streaming), lastTokenToPaintMs: round(m.lastTokenToPaintMs) };
    const end = { ...framesOf(m.end), finishMs: round(m.finishMs), settleMs: SETTLE_MS };
    log(
      `client, ${kind} (${tokens} tokens at ${paceMs} ms/token): streaming ${streaming.longTasks} long tasks, ${streaming.droppedFrames} dropped frames, last token → paint ${streaming.lastTokenToPaintMs} ms; ` +
        `end ${end.longTasks} long tasks (longest ${end.longestTaskMs} ms); page load: first paint ${round(m.pageLoad.firstPaintMs)} ms, answers shown ${round(m.pageLoad.answersShownMs)} ms, formatted ${round(m.pageLoad.formattedMs)} ms, ${m.pageLoad.longTasks} long tasks (${round(m.pageLoad.longTaskTotalMs)} ms)`,
    );
    const { pageLoad: p } = m;
    const pageLoad = {
      firstPaintMs: round(p.firstPaintMs),
      answersShownMs: round(p.answersShownMs),
      formattedMs: round(p.formattedMs),
      longTasks: p.longTasks,
      longTaskTotalMs: round(p.longTaskTotalMs),
      longestTaskMs: round(p.longestTaskMs),
    };
    return { loadMs, readyMs, rendered, loadedScripts, pageLoad, streaming, end, profile };
  } finally {
    await context.close();
  }
}

/** Runs of one answer as one: each number the median of the runs' (field by field, in nested objects too; anything else the first run's). */
export function medianRun<T extends Record<string, unknown>>(runs: T[]): T {
  const fields = (objects: Record<string, unknown>[]) => Object.fromEntries(Object.keys(objects[0]).map((k) => [k, of(objects.map((o) => o[k]))]));
  const of = (all: unknown[]): unknown => {
    const values = all.filter((v) => v !== undefined);
    const [first] = values;
    if (typeof first === "number") return round(median(values as number[]));
    if (first && typeof first === "object" && !Array.isArray(first)) return fields(values as Record<string, unknown>[]);
    return first;
  };
  return fields(runs) as T;
}

export async function runClient(stack: Stack, cfg: ClientConfig, profileFile?: string) {
  const chatId = await seedChat(stack, cfg.historyMessages);
  const bundle = await firstLoadJs(stack, `/chat/${chatId}`);
  const home = await firstLoadJs(stack, `/`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const answers = [];
    for (const answer of cfg.answers) {
      const runs: Awaited<ReturnType<typeof streamInto>>[] = [];
      for (let i = 0; i < (cfg.repeats ?? 1); i++) {
        // The page's profile is taken in the first answer's first run.
        runs.push(await streamInto(browser, stack, cfg.historyMessages, answer, answers.length === 0 && i === 0 ? profileFile : undefined));
      }
      answers.push({ ...answer, ...medianRun(runs.map(({ profile: _profile, loadedScripts: _scripts, ...run }) => run)), profile: runs[0].profile, loadedScripts: runs[0].loadedScripts, runs: runs.map((r) => ({ streamingLongTasks: r.streaming.longTasks, streamingLongestMs: r.streaming.longestTaskMs, endLongTasks: r.end.longTasks, startupLongTasks: r.pageLoad.longTasks })) });
    }
    const first = answers[0];
    const { srcs: firstLoad, ...chatPage } = bundle;
    const { srcs: _home, ...homePage } = home;
    return {
      method: cfg,
      firstLoadJs: [chatPage, homePage],
      // The chat page's scripts loaded after its first load, by the time the first answer's
      // question was sent.
      lazyJs: scriptBytes(first.loadedScripts.filter((src) => !firstLoad.includes(src))),
      chatLoadMs: first.loadMs,
      chatReadyMs: first.readyMs,
      profile: first.profile,
      renderedAssistantMessages: first.rendered,
      answers: answers.map(({ profile: _profile, loadedScripts: _scripts, ...a }) => a),
    };
  } finally {
    await browser.close();
  }
}

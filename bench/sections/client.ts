// (5) Client: first-load JS of the chat page (gzip, the scripts the HTML loads from the build), and
// streaming a long answer into a long chat in headless Chromium: long tasks, dropped frames, time
// from the last token's arrival to the frame that shows it.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { summarizeProfile } from "../lib/profile.ts";
import { root, type Stack } from "../lib/stack.ts";
import { round, log } from "../lib/stats.ts";
import { newId } from "../lib/streams.ts";

export type ClientConfig = { historyMessages: number; answerTokens: number; paceMs: number };

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
    data.push({ id, chatId, parentId, role: user ? "user" : "assistant", parts: [{ type: "text", text: user ? `Question ${i / 2}?` : answer }], status: "complete", model: user ? null : "deepseek-flash", createdAt: new Date(t0 + i * 1000) });
    parentId = id;
  }
  await db.message.createMany({ data });
  await db.chat.update({ where: { id: chatId }, data: { activeLeafId: parentId } });
  return chatId;
}

export async function firstLoadJs(stack: Stack, pathname: string) {
  const html = await (await fetch(`${stack.app.url}${pathname}`, { headers: { cookie: stack.cookie } })).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]))];
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const file = path.join(root, ".next", src.replace(/^\/_next\//, "").split("?")[0]);
    const buf = readFileSync(file);
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  return { page: pathname, scripts: srcs.length, rawKiB: round(raw / 1024), gzipKiB: round(gzip / 1024), htmlKiB: round(Buffer.byteLength(html) / 1024) };
}

// Runs in the page before any app script: records when the last token arrives over the network,
// long tasks, and every animation frame.
const INSTRUMENT = (lastWord: string) => {
  const w = window as unknown as Record<string, unknown>;
  const frames: number[] = [];
  const longTasks: Array<{ start: number; duration: number }> = [];
  w.__bench = { frames, longTasks, lastTokenAt: 0, shownAt: 0, recording: false };
  const b = w.__bench as { frames: number[]; lastTokenAt: number; shownAt: number; recording: boolean };
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
        let tail = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const text = tail + dec.decode(value, { stream: true });
          if (text.includes(`"${lastWord}`) || text.includes(` ${lastWord}"`)) b.lastTokenAt = performance.now();
          tail = text.slice(-40);
        }
      })();
      return new Response(theirs, { status: res.status, statusText: res.statusText, headers: res.headers });
    }
    return res;
  };
  const loop = (t: number) => {
    if (b.recording) {
      frames.push(t);
      if (!b.shownAt) {
        const answers = document.querySelectorAll('[data-testid="message-assistant"]');
        const last = answers[answers.length - 1];
        if (last?.textContent?.includes(lastWord)) b.shownAt = performance.now();
      }
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
};

export async function runClient(stack: Stack, cfg: ClientConfig, profileFile?: string) {
  const chatId = await seedChat(stack, cfg.historyMessages);
  const bundle = await firstLoadJs(stack, `/chat/${chatId}`);
  const home = await firstLoadJs(stack, `/`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    await context.addCookies(
      stack.cookie.split("; ").map((kv) => {
        const i = kv.indexOf("=");
        return { name: kv.slice(0, i), value: kv.slice(i + 1), domain: "127.0.0.1", path: "/" };
      }),
    );
    const lastWord = `word${cfg.answerTokens}`;
    await context.addInitScript(INSTRUMENT, lastWord);
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`/chat/${chatId}`.replace(/^/, stack.app.url), { waitUntil: "load" });
    await page.getByTestId("message-assistant").last().waitFor();
    const loadMs = Date.now() - t0;
    const rendered = await page.getByTestId("message-assistant").count();
    await page.getByTestId("composer-input").fill(`[[long:${cfg.answerTokens}]] [[slow:${cfg.paceMs}]] stream it`);
    const sendAt = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { recording: boolean; frames: number[] } }).__bench;
      b.recording = true;
      return performance.now();
    });
    // The page's own CPU profile while the answer streams (Chrome DevTools Protocol).
    const cdp = profileFile ? await context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 1000 });
      await cdp.send("Profiler.start");
    }
    await page.getByTestId("send-button").click();
    const timeoutMs = Math.max(120_000, cfg.answerTokens * cfg.paceMs * 6);
    await page.waitForFunction(() => (window as unknown as { __bench: { shownAt: number } }).__bench.shownAt > 0, undefined, { timeout: timeoutMs, polling: 500 });
    await page.waitForTimeout(500);
    let profile: ReturnType<typeof summarizeProfile> | undefined;
    if (cdp && profileFile) {
      const { profile: data } = await cdp.send("Profiler.stop");
      writeFileSync(profileFile, JSON.stringify(data));
      profile = summarizeProfile(profileFile);
    }
    const m = await page.evaluate(
      ({ sendAt }) => {
        const b = (window as unknown as { __bench: { frames: number[]; longTasks: Array<{ start: number; duration: number }>; lastTokenAt: number; shownAt: number } }).__bench;
        const frames = b.frames.filter((t) => t >= sendAt && t <= b.shownAt);
        let dropped = 0;
        let worst = 0;
        for (let i = 1; i < frames.length; i++) {
          const gap = frames[i] - frames[i - 1];
          worst = Math.max(worst, gap);
          dropped += Math.max(0, Math.round(gap / (1000 / 60)) - 1);
        }
        const tasks = b.longTasks.filter((t) => t.start >= sendAt && t.start <= b.shownAt);
        return {
          streamMs: b.shownAt - sendAt,
          frames: frames.length,
          expectedFrames: Math.round((b.shownAt - sendAt) / (1000 / 60)),
          dropped,
          worstFrameMs: worst,
          longTasks: tasks.length,
          longTaskTotalMs: tasks.reduce((a, t) => a + t.duration, 0),
          longestTaskMs: tasks.reduce((a, t) => Math.max(a, t.duration), 0),
          lastTokenToPaintMs: b.lastTokenAt ? b.shownAt - b.lastTokenAt : NaN,
        };
      },
      { sendAt },
    );
    const result = {
      method: cfg,
      firstLoadJs: [bundle, home],
      chatLoadMs: loadMs,
      profile,
      renderedAssistantMessages: rendered,
      streaming: {
        streamSeconds: round(m.streamMs / 1000, 1),
        longTasks: m.longTasks,
        longTaskTotalMs: round(m.longTaskTotalMs),
        longestTaskMs: round(m.longestTaskMs),
        droppedFrames: m.dropped,
        droppedPct: round((m.dropped / Math.max(1, m.expectedFrames)) * 100),
        worstFrameMs: round(m.worstFrameMs),
        lastTokenToPaintMs: round(m.lastTokenToPaintMs),
      },
    };
    log(`client: ${m.longTasks} long tasks, ${m.dropped} dropped frames, last token → paint ${round(m.lastTokenToPaintMs)} ms`);
    return result;
  } finally {
    await browser.close();
  }
}

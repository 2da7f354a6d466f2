// The project overview with 50 environments, in Chromium against a running suite (docs/performance.md,
// "Web console (step 9)"): navigation start → the tree's last environment visible and the page's
// button enabled, in a fresh browser context each run (empty cache, as a first visit), p50 over the
// runs; and the JavaScript that first load fetched, raw and gzipped.
//   node overview.mjs [runs, default 9]     SLIPWAY_BENCH_PROJECT reuses a project made earlier
import { gzipSync } from 'node:zlib';
import { chromium as browserType } from 'playwright-core';
import { CHROMIUM_ARGS, chromium, header, origin, percentile, projectWith50Environments, token } from './common.mjs';

const runs = Number(process.argv[2] ?? 9);
header(`console overview, 50 environments, ${runs} runs`);
const bearer = token();
const projectId = process.env.SLIPWAY_BENCH_PROJECT ?? await projectWith50Environments(bearer);
console.log(`project ${projectId}: ${origin}#/projects/${projectId}`);

const browser = await browserType.launch({ executablePath: chromium, args: CHROMIUM_ARGS, headless: true });
const times = [];
try {
  for (let run = 1; run <= runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript((t) => sessionStorage.setItem('slipway.token', t), bearer);
    const page = await context.newPage();
    const scripts = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.push({ url: response.url(), body: await response.body().catch(() => Buffer.alloc(0)) });
    });
    await page.goto(`${origin}#/projects/${projectId}`);
    // Checked at every animation frame: the 50th card in the tree is on the page and visible (scrolled
    // to, as a reader would), and the page's button answers. performance.now() counts from navigation start.
    const handle = await page.waitForFunction(() => {
      const cards = document.querySelectorAll('.environment-tree article');
      const button = document.querySelector('header button');
      if (cards.length < 50 || !button || button.disabled) return false;
      const last = cards[cards.length - 1];
      const box = last.getBoundingClientRect();
      if (box.height === 0 || getComputedStyle(last).visibility === 'hidden') return false;
      return performance.now();
    }, undefined, { polling: 'raf', timeout: 30_000 });
    const ms = await handle.jsonValue();
    times.push(ms);
    const raw = scripts.reduce((sum, s) => sum + s.body.length, 0);
    const gzip = scripts.reduce((sum, s) => sum + gzipSync(s.body, { level: 9 }).length, 0);
    console.log(`run ${run}: interactive after ${ms.toFixed(0)} ms; JavaScript fetched: ${scripts.length} files, ${(raw / 1024).toFixed(1)} KB, gzip -9 ${(gzip / 1024).toFixed(1)} KB`);
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`overview interactive (ms): p50 ${percentile(times, 50).toFixed(0)}, min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, first ${times[0].toFixed(0)} (n=${times.length})`);

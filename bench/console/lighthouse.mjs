// Lighthouse 12.2.3 (pinned: 13 wants Node 22) on the project overview with 50 environments, with
// Debian's Chromium: performance and accessibility scores, mobile (Lighthouse's default: simulated
// slow 4G and a 4× slower CPU) and desktop, `runs` times each. The token is put into the tab's
// sessionStorage before the console's script runs, as a signed-in tab has it; Lighthouse still
// empties the cache before each run.
//   node lighthouse.mjs [runs, default 3] [folder for the JSON reports]   SLIPWAY_BENCH_PROJECT reuses a project
import { mkdirSync, writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, chromium, header, origin, percentile, projectWith50Environments, token } from './common.mjs';

/** The report's figures: scores, and each audit's score and value (the full report with its details and screenshots is 2 MB). */
function figures(lhr) {
  const audits = Object.fromEntries(Object.entries(lhr.audits).map(([id, a]) => [id, { score: a.score, displayValue: a.displayValue, numericValue: a.numericValue }]));
  const categories = Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, c.score]));
  return { lighthouseVersion: lhr.lighthouseVersion, fetchTime: lhr.fetchTime, finalDisplayedUrl: lhr.finalDisplayedUrl, userAgent: lhr.environment?.hostUserAgent,
    formFactor: lhr.configSettings.formFactor, throttling: lhr.configSettings.throttling, categories, audits };
}

const runs = Number(process.argv[2] ?? 3);
const reports = process.argv[3];
header(`Lighthouse 12.2.3 on the console overview, 50 environments, ${runs} runs per form factor`);
const bearer = token();
const projectId = process.env.SLIPWAY_BENCH_PROJECT ?? await projectWith50Environments(bearer);
const url = `${origin}#/projects/${projectId}`;
console.log(`project ${projectId}: ${url}`);
if (reports) mkdirSync(reports, { recursive: true });

const browser = await puppeteer.launch({ executablePath: chromium, args: CHROMIUM_ARGS, headless: true });
try {
  for (const [formFactor, config] of [['mobile', undefined], ['desktop', desktopConfig]]) {
    const scores = { performance: [], accessibility: [] };
    for (let run = 1; run <= runs; run++) {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument((t) => sessionStorage.setItem('slipway.token', t), bearer);
      const result = await lighthouse(url, { output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] }, config, page);
      await page.close();
      const { categories, audits } = result.lhr;
      const metric = (id) => audits[id]?.displayValue ?? '?';
      scores.performance.push(Math.round(categories.performance.score * 100));
      scores.accessibility.push(Math.round(categories.accessibility.score * 100));
      console.log(`${formFactor} run ${run}: performance ${scores.performance.at(-1)}, accessibility ${scores.accessibility.at(-1)}; `
        + `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, `
        + `CLS ${metric('cumulative-layout-shift')}, SI ${metric('speed-index')}`);
      const failing = Object.values(audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative'
        && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable').map((a) => `${a.id} (${a.displayValue ?? a.score})`);
      if (failing.length > 0) console.log(`  audits below 0.9: ${failing.join(', ')}`);
      if (reports) writeFileSync(`${reports}/lighthouse-${formFactor}-${run}.json`, JSON.stringify(figures(result.lhr), null, 1));
    }
    console.log(`${formFactor}: performance p50 ${percentile(scores.performance, 50)} (${scores.performance.join(', ')}), `
      + `accessibility p50 ${percentile(scores.accessibility, 50)} (${scores.accessibility.join(', ')})`);
  }
} finally {
  await browser.close();
}

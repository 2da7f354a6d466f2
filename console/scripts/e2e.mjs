// Runs the browser tests (playwright test, e2e/playwright.config.ts) and prints their summary as one
// plain line, "N passed, N failed" (issue 12), from Playwright's JSON report. Exits non-zero when a
// test failed or Playwright did. SLIPWAY_CONSOLE_URL: the origin to test (default http://127.0.0.1:8080/).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const output = process.env.SLIPWAY_E2E_OUTPUT ?? 'target/e2e';
const report = `${output}/report.json`;
rmSync(output, { recursive: true, force: true });
mkdirSync(output, { recursive: true });
const run = spawnSync(process.execPath,
  ['node_modules/@playwright/test/cli.js', 'test', '--config', 'e2e/playwright.config.ts', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, SLIPWAY_E2E_OUTPUT: output } });
let stats;
try {
  stats = JSON.parse(readFileSync(report, 'utf8')).stats;
} catch {
  console.log('0 passed, 0 failed (Playwright wrote no report)');
  process.exit(run.status || 1);
}
// Playwright's "unexpected" are the failures; "flaky" cannot happen without retries.
const failed = stats.unexpected + (stats.flaky ?? 0);
console.log(`${stats.expected} passed, ${failed} failed`);
if (stats.skipped > 0) console.log(`(${stats.skipped} skipped after an earlier step failed)`);
console.log(`screenshots and axe reports: ${output}/screenshots, ${output}/axe`);
process.exit(run.status !== 0 || failed > 0 ? (run.status || 1) : 0);

// Runs the unit tests (vitest run) and prints their summary as one plain line, "N passed, N failed"
// (issue 12), from Vitest's JSON report. Exits non-zero when a test failed or Vitest did.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const report = 'target/vitest-report.json';
mkdirSync('target', { recursive: true });
rmSync(report, { force: true });
const run = spawnSync(process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`,
   ...process.argv.slice(2)],
  { stdio: 'inherit' });
let summary;
try {
  summary = JSON.parse(readFileSync(report, 'utf8'));
} catch {
  console.log('0 passed, 0 failed (Vitest wrote no report)');
  process.exit(run.status || 1);
}
const failed = summary.numFailedTests + (summary.numRuntimeErrorTestSuites ?? 0);
console.log(`${summary.numPassedTests} passed, ${summary.numFailedTests} failed`);
process.exit(run.status !== 0 || failed > 0 ? (run.status || 1) : 0);

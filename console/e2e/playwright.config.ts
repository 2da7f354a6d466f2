// Browser tests of the console (issue 12) with Playwright driving Debian's Chromium, never a browser
// download: `npm run e2e` against a running suite's one origin (SLIPWAY_CONSOLE_URL, default the
// local http://127.0.0.1:8080/). In `./mvnw verify` system-tests' JourneyInTheConsoleIT starts a
// suite and its origin on ports of their own and runs this. Screenshots, axe reports and the JSON
// report go to SLIPWAY_E2E_OUTPUT (default target/e2e).
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath, consoleUrl, outputDir } from './support/environment';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: `${outputDir}/test-results`,
  // One journey, step after step, against one suite.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: `${outputDir}/report.json` }]],
  use: {
    baseURL: consoleUrl,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    launchOptions: { executablePath: chromiumPath, args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});

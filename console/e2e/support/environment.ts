// Where the browser tests run: the console's origin, Debian's Chromium and the output folder.
import { resolve } from 'node:path';

/** The one origin serving the console and /api/v1 (API-8), with a trailing slash. */
export const consoleUrl = (process.env.SLIPWAY_CONSOLE_URL ?? 'http://127.0.0.1:8080/').replace(/\/?$/, '/');

/** Debian's Chromium (`apt-get install chromium`); Playwright's own browser download is never used. */
export const chromiumPath = process.env.SLIPWAY_CHROMIUM ?? '/usr/bin/chromium';

/** No sandbox (tests run as root in CI), and nothing that reaches for the network on its own. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Screenshots, axe reports, Playwright's traces on failure and the JSON report. */
export const outputDir = resolve(process.env.SLIPWAY_E2E_OUTPUT ?? 'target/e2e');

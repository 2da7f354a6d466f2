// What the console benchmarks share: the origin, a token, the project with 50 environments, a header.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

export const origin = (process.env.SLIPWAY_CONSOLE_URL ?? 'http://127.0.0.1:8080/').replace(/\/?$/, '/');
export const chromium = process.env.SLIPWAY_CHROMIUM ?? '/usr/bin/chromium';
/** As the browser tests launch it (console/e2e/support/environment.ts). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const root = process.env.SLIPWAY_ROOT ?? new URL('../..', import.meta.url).pathname;

/** A development token of the measured suite's key (`bin/slipway token`), unless SLIPWAY_TOKEN gives one. */
export function token(user = 'benchconsole') {
  return process.env.SLIPWAY_TOKEN ?? execFileSync(`${root}/bin/slipway`, ['token', user], { encoding: 'utf8' }).trim();
}

export function header(what) {
  const commit = (dir) => { try { return execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(); } catch { return '?'; } };
  const here = new URL('../..', import.meta.url).pathname;
  console.log(`# ${what} | ${new Date().toISOString()} | ${cpus().length} cores | load ${execFileSync('cut', ['-d', ' ', '-f1-3', '/proc/loadavg'], { encoding: 'utf8' }).trim()}`);
  console.log(`# origin ${origin} | suite ${root} at ${commit(root)} | bench at ${commit(here)} | ${execFileSync(chromium, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()} | node ${process.version}`);
}

async function call(bearer, method, path, body) {
  const response = await fetch(new URL(path, origin), {
    method,
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function completed(bearer, projectId, activity) {
  for (let i = 0; i < 600; i++) {
    const a = await call(bearer, 'GET', `api/v1/projects/${projectId}/activities/${activity.id}`);
    if (a.state === 'COMPLETE') {
      if (a.result !== 'SUCCESS') throw new Error(`activity ${a.type} on ${a.environmentId}: ${a.result}\n${a.log}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`activity ${activity.id} did not complete within a minute`);
}

/**
 * A new project with 50 environments (ENV-3's largest limit): production, staging, master, 7
 * children of master and 40 grandchildren (5 or 6 under each child), all created through the API.
 * No commit is pushed: each branch's deployment fails at once ("nothing to deploy"), so the suite
 * does no deploy work while the page is measured and nothing on the page is busy (no 2 s refresh).
 */
export async function projectWith50Environments(bearer) {
  const projectId = `cb${Date.now().toString(36)}`;
  await call(bearer, 'POST', 'api/v1/projects', { id: projectId, title: 'Console benchmark, 50 environments', activeEnvironmentLimit: 50 });
  const children = Array.from({ length: 7 }, (_, i) => `feature${i + 1}`);
  for (const child of children) {
    await completed(bearer, projectId, await call(bearer, 'POST', `api/v1/projects/${projectId}/environments/master/branch`, { name: child }));
  }
  for (let i = 0; i < 40; i++) {
    const parent = children[i % children.length];
    await completed(bearer, projectId, await call(bearer, 'POST', `api/v1/projects/${projectId}/environments/${parent}/branch`,
      { name: `${parent}-task${Math.floor(i / children.length) + 1}` }));
  }
  const listed = await call(bearer, 'GET', `api/v1/projects/${projectId}/environments?limit=200`);
  if (listed.items.length !== 50) throw new Error(`${projectId} has ${listed.items.length} environments, not 50`);
  return projectId;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

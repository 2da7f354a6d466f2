// Lints each service's stored OpenAPI document (<service>/target/openapi/openapi.json) with Redocly
// CLI and the rules of redocly.yaml, and fails on any problem, warnings included: `redocly lint`
// itself fails only on errors. Usage: node lint.mjs <service>... (npm run lint passes the four).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const redocly = join(here, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
const services = process.argv.slice(2);

if (services.length === 0) {
  console.error('usage: node lint.mjs <service>...');
  process.exit(2);
}
if (!existsSync(redocly)) {
  console.error(`${relative(root, redocly)} is missing: run npm ci in api/ first`);
  process.exit(2);
}

/** '#/paths/~1api~1v1~1projects/get/operationId' -> 'GET /api/v1/projects operationId'. */
function readable(pointer) {
  const tokens = pointer.replace(/^#\//, '').split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (tokens[0] === 'paths' && tokens.length > 1) {
    const method = tokens.length > 2 ? `${tokens[2].toUpperCase()} ` : '';
    return `${method}${tokens[1]}${tokens.length > 3 ? ` ${tokens.slice(3).join('/')}` : ''}`;
  }
  return `#/${tokens.join('/')}`;
}

let problems = 0;
let broken = false;
for (const service of services) {
  const document = join(root, service, 'target', 'openapi', 'openapi.json');
  if (!existsSync(document)) {
    console.error(`${service}: no ${relative(root, document)}; build the services first (./mvnw -DskipTests install)`);
    broken = true;
    continue;
  }
  const run = spawnSync(process.execPath, [redocly, 'lint', '--config', join(here, 'redocly.yaml'),
    '--lint-config', 'error', '--format', 'json', '--max-problems', '10000', document], {
    cwd: here,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    console.error(`${service}: redocly lint gave no report (exit ${run.status})\n${run.stderr}${run.stdout}`);
    broken = true;
    continue;
  }
  // Redocly only warns, on stderr, about a configuration it does not understand (a misspelt rule).
  const configWarnings = run.stderr.split('\n').filter((line) => /\[(WARNING|ERROR)]|Unused rules|Check the spelling/.test(line));
  if (configWarnings.length > 0) {
    console.error(`${service}: redocly.yaml is not what Redocly CLI understands:\n${configWarnings.join('\n')}`);
    broken = true;
  }
  const byRule = new Map();
  for (const problem of report.problems) {
    const where = readable(problem.location?.[0]?.pointer ?? '');
    console.log(`${service}: ${problem.severity} ${problem.ruleId} ${where} ${problem.message}`);
    byRule.set(`${problem.severity} ${problem.ruleId}`, (byRule.get(`${problem.severity} ${problem.ruleId}`) ?? 0) + 1);
  }
  const summary = [...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([rule, count]) => `${rule}: ${count}`).join(', ');
  const { errors, warnings, ignored } = report.totals;
  console.log(`${service}: ${errors} errors, ${warnings} warnings, ${ignored} ignored by redocly.yaml${summary ? ` (${summary})` : ''}`);
  problems += errors + warnings;
}

if (broken || problems > 0) {
  console.error(broken ? 'OpenAPI lint: a document is missing or redocly.yaml is wrong' : `OpenAPI lint: ${problems} problems (errors and warnings both fail the build)`);
  process.exit(1);
}
console.log(`OpenAPI lint: ${services.join(', ')} clean`);

// Every kind of slipway-cli line the console shows (the CliCommand beside each action), for a
// representative set of page states, against test/cli-commands.txt: a golden file that the CLI's
// own tests (cli/src/test/java/dev/slipway/cli/ConsoleCommandsTest.java) parse with its real command
// line, so that a line the CLI would refuse fails one build or the other.
// After a deliberate change: UPDATE_CLI_COMMANDS=1 npx vitest run test/cliCommands.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { operationCommand, type Operation } from '../src/api/operations';
import { ticketCommand, type OpenTicketRequest, type TicketDraft } from '../src/api/tickets';
import { variableCommand, type Flags } from '../src/pages/VariablesPage';
import { deploymentListCommand } from '../src/pages/DeploymentsPage';
import { CLI_NAME } from '../src/cli';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'cli-commands.txt');
const HEADER = [
  '# Every kind of slipway-cli line the web console shows, one per line, as it prints them (console/test/cliCommands.test.ts).',
  '# The CLI parses each one with its real command line (cli/src/test/java/dev/slipway/cli/ConsoleCommandsTest.java).',
  '# Rewritten by: cd console && UPDATE_CLI_COMMANDS=1 npx vitest run test/cliCommands.test.ts',
];

const DEFAULTS: Flags = { sensitive: false, json: false, visibleBuild: true, visibleRuntime: true, inheritable: true, enabled: true };

/** The environment page of an Integration environment: each ENV-4 operation's form, in the states it can be in. */
function environmentPage(): string[] {
  const op = (operation: Operation, input = {}) => operationCommand('shop', 'feature', operation, input);
  return [
    op('branch', { branchName: '', title: '' }),
    op('branch', { branchName: 'feature/checkout', title: '' }),
    op('branch', { branchName: 'sprint1', title: "Sprint 1: Bob's checkout" }),
    op('merge'),
    op('sync', { code: true, data: false }),
    op('sync', { code: false, data: true }),
    op('sync', { code: true, data: true }),
    op('sync', { code: false, data: false }),
    op('activate'),
    op('deactivate'),
    op('redeploy'),
    op('delete', { keepBranch: false }),
    op('delete', { keepBranch: true }),
  ];
}

/** A ticket form (TicketRequests) of Staging or Production, as TicketForm builds its request. */
function ticket(type: OpenTicketRequest['type'], environmentId: string, subject: string, payload: TicketDraft,
  more: Partial<OpenTicketRequest> = {}): string {
  return ticketCommand({ type, projectId: 'shop', environmentId, subject, priority: 'NORMAL', payload, ...more });
}

/** The "request via ticket" forms of Staging and Production. */
function ticketForms(): string[] {
  return [
    ticket('DEPLOY', 'staging', 'Deploy to staging', {}),
    ticket('DEPLOY', 'production', 'Deploy to production', { commit: '9fceb02aa11', includeData: true },
      { description: 'After the sale, please', priority: 'HIGH' }),
    ticket('DEPLOY', 'production', '', {}),
    ticket('DEPLOYMENT_SETTINGS', 'staging', 'Approve the configuration for staging', {}),
    ticket('DEPLOYMENT_SETTINGS', 'production', 'Approve the configuration for production', { approveConfigOf: '9fceb02' }),
    ticket('ADD_SSH_KEY', 'production', 'SSH access to production', { publicKey: '' }),
    ticket('ADD_SSH_KEY', 'production', 'SSH access to production',
      { publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG2kZ alice@laptop', title: 'Alice laptop', expiresAt: '2026-12-31T00:00:00Z' },
      { priority: 'URGENT' }),
    ticket('GO_LIVE', 'production', 'Take shop live', { domains: [] }),
    ticket('GO_LIVE', 'production', 'Take shop live', { domains: ['shop.example.com', 'www.shop.example.com'] }),
  ];
}

/** The variables page of an environment and of the project: add, edit, delete, and the ticket a refusal offers (ENV-5). */
function variablesPage(): string[] {
  const env = { projectId: 'shop', environmentId: 'feature' };
  const project = { projectId: 'shop' };
  const settings = (change: NonNullable<TicketDraft['variables']>[number]) => ticketCommand({
    type: 'DEPLOYMENT_SETTINGS', projectId: 'shop', environmentId: 'production',
    subject: `${change.action === 'DELETE' ? 'Delete' : 'Set'} variable ${change.name} on production`, payload: { variables: [change] },
  });
  return [
    variableCommand(env, 'create', '<name>', '', DEFAULTS),
    variableCommand(env, 'create', 'env:SHOP_MODE', 'test', DEFAULTS),
    variableCommand(env, 'create', 'TOKEN', 's3cr3t', { ...DEFAULTS, sensitive: true }),
    variableCommand(project, 'create', 'config', '{"a": 1}',
      { sensitive: false, json: true, visibleBuild: false, visibleRuntime: true, inheritable: false, enabled: false }),
    variableCommand(env, 'update', 'env:SHOP_MODE', 'live', DEFAULTS),
    variableCommand(env, 'update', 'env:SHOP_MODE', undefined, { ...DEFAULTS, enabled: false }),
    variableCommand(env, 'update', 'env:SHOP_MODE', '', DEFAULTS),
    variableCommand(project, 'update', 'TOKEN', 'n3w', { ...DEFAULTS, sensitive: true }),
    variableCommand(env, 'delete', 'env:SHOP_MODE'),
    variableCommand(project, 'delete', 'TOKEN'),
    settings({ action: 'SET', name: 'env:SHOP_MODE', value: 'live mode', ...DEFAULTS }),
    settings({ action: 'SET', name: 'TOKEN', value: 's3cr3t', ...DEFAULTS, sensitive: true }),
    settings({ action: 'SET', name: 'env:SHOP_MODE', ...DEFAULTS, enabled: false }),
    settings({ action: 'DELETE', name: 'env:SHOP_MODE' }),
  ];
}

/** The deployments page: all of a project's, one environment's, filtered. */
function deploymentsPage(): string[] {
  return [
    deploymentListCommand('shop', '', '', ''),
    deploymentListCommand('shop', 'master', '', ''),
    deploymentListCommand('shop', 'master', 'FAILED', ''),
    deploymentListCommand('shop', '', 'RUNNING', 'TICKET'),
  ];
}

const printed = [...new Set([...environmentPage(), ...ticketForms(), ...variablesPage(), ...deploymentsPage()])];

function golden(): string[] {
  return readFileSync(GOLDEN, 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

describe('the slipway-cli lines the console shows (test/cli-commands.txt)', () => {
  if (process.env.UPDATE_CLI_COMMANDS) writeFileSync(GOLDEN, [...HEADER, ...printed, ''].join('\n'));

  it('are each one line that runs slipway-cli', () => {
    for (const line of printed) {
      expect(line).not.toContain('\n');
      expect(line.split(' | ').at(-1)!.startsWith(`${CLI_NAME} `), line).toBe(true);
    }
  });

  it('are exactly the lines of the golden file, which the CLI parses', () => {
    const file = golden();
    expect(printed.filter((line) => !file.includes(line)), 'printed by the console, missing from test/cli-commands.txt').toEqual([]);
    expect(file.filter((line) => !printed.includes(line)), 'in test/cli-commands.txt, no longer printed by the console').toEqual([]);
    expect(new Set(file).size, 'a line twice in test/cli-commands.txt').toBe(file.length);
  });
});

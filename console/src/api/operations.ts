// ENV-4's operations on an environment, as the page offers them: their names (those of the
// environment view's `actions`), labels and CLI equivalents. Whether one may run now is the view's
// answer (src/api/actions.ts), never decided here.
import type { Environment } from './client';
import { cliCommand, option, target } from '../cli';

export type Operation = 'branch' | 'merge' | 'sync' | 'activate' | 'deactivate' | 'redeploy' | 'delete';

/** The label users read and the Playwright tests press. */
export const OPERATION_LABEL: Record<Operation, string> = {
  branch: 'Branch', merge: 'Merge', sync: 'Sync', activate: 'Activate', deactivate: 'Deactivate', redeploy: 'Redeploy', delete: 'Delete',
};

/** Integration environments offer the operations; Staging and Production, the tickets that change them (ENV-5). */
export const isSelfService = (environment: Environment) => environment.type === 'INTEGRATION';

/** What each operation's form holds besides the environment. */
export interface OperationInput {
  branchName?: string;
  title?: string;
  code?: boolean;
  data?: boolean;
  keepBranch?: boolean;
}

/**
 * The equivalent CLI command, as slipway-cli parses it (cli/src/test/resources/golden/help.txt;
 * every kind of line is in test/cli-commands.txt, which the CLI's tests parse). The operations that
 * the CLI confirms on a terminal carry `-y`: the page's button is that confirmation, and a script
 * has no terminal.
 */
export function operationCommand(projectId: string, environmentId: string, operation: Operation, input: OperationInput = {}): string {
  const on = target(projectId, environmentId);
  switch (operation) {
    case 'branch':
      return cliCommand('environment:branch', input.branchName?.trim() || '<name>', option('--title', input.title?.trim()), on);
    case 'sync':
      // <what> is required (code, data or both); the page refuses neither, the line names the choice.
      return cliCommand('environment:synchronize', input.code || input.data ? [input.code && 'code', input.data && 'data'] : '<code|data>',
        on, input.data && '-y');
    case 'delete':
      return cliCommand('environment:delete', on, input.keepBranch && '--keep-branch', '-y');
    case 'merge':
    case 'deactivate':
      return cliCommand(`environment:${operation}`, on, '-y');
    default:
      return cliCommand(`environment:${operation}`, on);
  }
}

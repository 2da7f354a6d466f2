// ENV-4's operations on an environment: which the caller may run now, and when not, why, in the
// service's own refusal messages (dev.slipway.environment.domain.Environment), so a button is
// disabled with its reason beside it rather than failing after the click.
//
// The environment view carries no list of allowed actions (unlike a ticket's allowedActions), so
// the rules are read from the view as the service checks them: role (SEC-2), type (ENV-5), status,
// master and parent (ENV-4). What the view cannot tell (another operation in progress, ENV-3's
// limit, a name taken) the service answers, and its problem is shown.
import type { Environment } from './client';
import { roleRefusal, type ProjectAccess, type ProjectRole } from './access';
import { cliCommand, option, target } from '../cli';

export const OPERATIONS = ['branch', 'merge', 'sync', 'activate', 'deactivate', 'redeploy', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The label users read and the Playwright tests press. */
export const OPERATION_LABEL: Record<Operation, string> = {
  branch: 'Branch', merge: 'Merge', sync: 'Sync', activate: 'Activate', deactivate: 'Deactivate', redeploy: 'Redeploy', delete: 'Delete',
};

/** EnvironmentOperation.pastTense(), for the refusals. */
const PAST: Record<Operation, string> = {
  branch: 'branched', merge: 'merged', sync: 'synchronized', activate: 'activated', deactivate: 'deactivated',
  redeploy: 'redeployed', delete: 'deleted',
};

/** SEC-2: contributors branch, sync and redeploy; admins also merge, activate, deactivate and delete. */
export const NEEDED_ROLE: Record<Operation, ProjectRole> = {
  branch: 'contributor', merge: 'admin', sync: 'contributor', activate: 'admin', deactivate: 'admin', redeploy: 'contributor', delete: 'admin',
};

export interface Availability {
  available: boolean;
  /** Why not, as the service would answer. */
  reason?: string;
  /** The rule that refuses, e.g. ENV-4. */
  rule?: string;
}

const TYPE_LABEL = { INTEGRATION: 'Integration', STAGING: 'Staging', PRODUCTION: 'Production' } as const;

export const isSelfService = (environment: Environment) => environment.type === 'INTEGRATION';
const isActive = (environment: Environment) => environment.status === 'ACTIVE' || environment.status === 'DIRTY';
const isMaster = (environment: Environment) => isSelfService(environment) && environment.id === 'master';

const refused = (rule: string, reason: string): Availability => ({ available: false, rule, reason });
const OK: Availability = { available: true };

/** Whether `operation` may run on `environment` now, checked in the order the service checks. */
export function availability(environment: Environment, operation: Operation, access?: ProjectAccess): Availability {
  const role = roleRefusal(environment.projectId ?? '', access, NEEDED_ROLE[operation]);
  if (role) return refused('SEC-2', role);
  const type = TYPE_LABEL[environment.type ?? 'INTEGRATION'];
  if (!isSelfService(environment)) {
    return operation === 'redeploy'
      ? refused('DEP-6', `${type} deploys only from an approved DEPLOY ticket or a push to its tier remote by a granted key: open a DEPLOY ticket.`)
      : refused('ENV-5', `The ${operation} operation is not available on ${type} environments; they change only through support tickets.`);
  }
  if (environment.status === 'DELETING') return refused('ENV-4', 'The environment is already being deleted.');
  switch (operation) {
    case 'branch':
      return isActive(environment) ? OK
        : refused('ENV-4', `Only an active environment can be branched; '${environment.id}' is ${environment.status}.`);
    case 'merge':
    case 'sync':
      if (!environment.parent) return refused('ENV-4', `The environment does not have a parent, so it cannot be ${PAST[operation]}`);
      return isActive(environment) ? OK : refused('ENV-4', `Inactive environments cannot be ${PAST[operation]}.`);
    case 'activate':
      return environment.status === 'INACTIVE' ? OK : refused('ENV-4', 'Active environments cannot be activated');
    case 'deactivate':
      if (isMaster(environment)) return refused('ENV-4', 'The master environment cannot be deactivated.');
      return isActive(environment) ? OK : refused('ENV-4', 'Inactive environments cannot be deactivated');
    case 'delete':
      if (isMaster(environment)) return refused('ENV-4', 'The master environment cannot be deleted.');
      return environment.status === 'INACTIVE' ? OK : refused('ENV-4', 'Active environments cannot be deleted');
    case 'redeploy':
      if (!isActive(environment)) return refused('ENV-4', 'Inactive environments cannot be redeployed.');
      return environment.headCommit ? OK : refused('DEP-1', `Branch ${environment.branch} has no commit yet: push one first.`);
  }
}

/** What each operation's form holds besides the environment. */
export interface OperationInput {
  branchName?: string;
  title?: string;
  code?: boolean;
  data?: boolean;
  keepBranch?: boolean;
}

/** The equivalent CLI command (issue 13's names, Platform.sh's style). */
export function operationCommand(projectId: string, environmentId: string, operation: Operation, input: OperationInput = {}): string {
  const on = target(projectId, environmentId);
  switch (operation) {
    case 'branch':
      return cliCommand('environment:branch', input.branchName?.trim() || '<name>', option('--title', input.title?.trim()), on);
    case 'sync':
      return cliCommand('environment:sync', input.code && 'code', input.data && 'data', on);
    case 'delete':
      return cliCommand('environment:delete', on, input.keepBranch && '--no-delete-branch');
    default:
      return cliCommand(`environment:${operation}`, on);
  }
}

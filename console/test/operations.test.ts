import { describe, expect, it } from 'vitest';
import type { Environment } from '../src/api/client';
import { availability, operationCommand } from '../src/api/operations';
import { cliCommand, CLI_NAME, shellQuote } from '../src/cli';
import { parseRoute } from '../src/router';

const env = (over: Partial<Environment>): Environment => ({
  id: 'feature', projectId: 'acme', type: 'INTEGRATION', status: 'ACTIVE', parent: 'master', branch: 'feature', headCommit: '9fceb02', ...over,
});
const admin = { role: 'admin' as const, support: false };

describe('availability (ENV-4, ENV-5, SEC-2)', () => {
  it('allows what an active child allows an admin, and refuses activate and delete in the service words', () => {
    const e = env({});
    expect(availability(e, 'branch', admin)).toEqual({ available: true });
    expect(availability(e, 'merge', admin)).toEqual({ available: true });
    expect(availability(e, 'deactivate', admin)).toEqual({ available: true });
    expect(availability(e, 'activate', admin)).toEqual({ available: false, rule: 'ENV-4', reason: 'Active environments cannot be activated' });
    expect(availability(e, 'delete', admin).reason).toBe('Active environments cannot be deleted');
  });

  it('refuses merge and sync without a parent, and deactivate and delete on master', () => {
    const master = env({ id: 'master', parent: null });
    expect(availability(master, 'merge', admin).reason).toBe('The environment does not have a parent, so it cannot be merged');
    expect(availability(master, 'sync', admin).reason).toBe('The environment does not have a parent, so it cannot be synchronized');
    expect(availability(master, 'deactivate', admin).reason).toBe('The master environment cannot be deactivated.');
    expect(availability(env({ id: 'master', parent: null, status: 'INACTIVE' }), 'delete', admin).reason).toBe('The master environment cannot be deleted.');
  });

  it('refuses what an inactive environment cannot do and allows activate and delete', () => {
    const e = env({ status: 'INACTIVE' });
    expect(availability(e, 'branch', admin).reason).toBe("Only an active environment can be branched; 'feature' is INACTIVE.");
    expect(availability(e, 'deactivate', admin).reason).toBe('Inactive environments cannot be deactivated');
    expect(availability(e, 'redeploy', admin).reason).toBe('Inactive environments cannot be redeployed.');
    expect(availability(e, 'sync', admin).reason).toBe('Inactive environments cannot be synchronized.');
    expect(availability(e, 'activate', admin).available).toBe(true);
    expect(availability(e, 'delete', admin).available).toBe(true);
  });

  it('refuses a redeploy with nothing to deploy, and everything while deleting', () => {
    expect(availability(env({ headCommit: null }), 'redeploy', admin).reason).toBe('Branch feature has no commit yet: push one first.');
    expect(availability(env({ status: 'DELETING' }), 'delete', admin).reason).toBe('The environment is already being deleted.');
  });

  it('says which role an operation needs, and that support changes projects only through tickets', () => {
    const contributor = { role: 'contributor' as const };
    expect(availability(env({}), 'branch', contributor).available).toBe(true);
    expect(availability(env({}), 'merge', contributor)).toEqual({ available: false, rule: 'SEC-2',
      reason: 'This needs the admin role on project acme; you are contributor.' });
    expect(availability(env({}), 'redeploy', { role: 'viewer' }).reason).toBe('This needs the contributor role on project acme; you are viewer.');
    expect(availability(env({}), 'branch', { role: null, support: true }).reason)
      .toBe('Support reads every project but changes one only through tickets or as a member.');
  });

  it('refuses the Integration operations on Staging and Production (ENV-5) and direct deployments there (DEP-6)', () => {
    const production = env({ id: 'production', type: 'PRODUCTION', parent: null });
    expect(availability(production, 'branch', admin)).toEqual({ available: false, rule: 'ENV-5',
      reason: 'The branch operation is not available on Production environments; they change only through support tickets.' });
    expect(availability(production, 'redeploy', admin).rule).toBe('DEP-6');
    expect(availability(env({ id: 'staging', type: 'STAGING', parent: null }), 'sync', admin).reason).toContain('Staging environments');
  });
});

describe('the CLI equivalents (issue 13 names)', () => {
  it('names each operation as Platform.sh does, with -p and -e', () => {
    expect(operationCommand('acme', 'master', 'branch', { branchName: 'feature', title: 'New checkout' }))
      .toBe(`${CLI_NAME} environment:branch feature --title 'New checkout' -p acme -e master`);
    expect(operationCommand('acme', 'feature', 'sync', { code: true, data: true })).toBe('slipway-cli environment:sync code data -p acme -e feature');
    expect(operationCommand('acme', 'feature', 'sync', { data: true })).toBe('slipway-cli environment:sync data -p acme -e feature');
    expect(operationCommand('acme', 'feature', 'merge')).toBe('slipway-cli environment:merge -p acme -e feature');
    expect(operationCommand('acme', 'old', 'delete', { keepBranch: true })).toBe('slipway-cli environment:delete -p acme -e old --no-delete-branch');
  });

  it('quotes what the shell would split or expand', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('$HOME')).toBe(`'$HOME'`);
    expect(cliCommand('variable:get', 'env:KEY')).toBe('slipway-cli variable:get env:KEY');
  });
});

describe('routes of the new pages', () => {
  it('parses the environment, deployments and variables pages', () => {
    expect(parseRoute('#/projects/acme/environments/feature-x')).toEqual({ page: 'environment', projectId: 'acme', environmentId: 'feature-x' });
    expect(parseRoute('#/projects/acme/environments/master/deployments')).toEqual({ page: 'deployments', projectId: 'acme', environmentId: 'master' });
    expect(parseRoute('#/projects/acme/environments/master/variables')).toEqual({ page: 'variables', projectId: 'acme', environmentId: 'master' });
    expect(parseRoute('#/projects/acme/deployments')).toEqual({ page: 'deployments', projectId: 'acme' });
    expect(parseRoute('#/projects/acme/variables')).toEqual({ page: 'variables', projectId: 'acme' });
    expect(parseRoute('#/projects/acme/deployments/d1')).toEqual({ page: 'deployment', projectId: 'acme', deploymentId: 'd1' });
  });
});

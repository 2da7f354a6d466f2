import { describe, expect, it } from 'vitest';
import { operationCommand } from '../src/api/operations';
import { cliCommand, CLI_NAME, shellQuote } from '../src/cli';
import { parseRoute } from '../src/router';

describe('the CLI equivalents (issue 13 names)', () => {
  it('names each operation as slipway-cli does, with -p and -e, and -y where the CLI would ask', () => {
    expect(operationCommand('acme', 'master', 'branch', { branchName: 'feature', title: 'New checkout' }))
      .toBe(`${CLI_NAME} environment:branch feature --title 'New checkout' -p acme -e master`);
    expect(operationCommand('acme', 'feature', 'sync', { code: true, data: true })).toBe('slipway-cli environment:synchronize code data -p acme -e feature -y');
    expect(operationCommand('acme', 'feature', 'sync', { code: true })).toBe('slipway-cli environment:synchronize code -p acme -e feature');
    expect(operationCommand('acme', 'feature', 'sync', { data: true })).toBe('slipway-cli environment:synchronize data -p acme -e feature -y');
    expect(operationCommand('acme', 'feature', 'merge')).toBe('slipway-cli environment:merge -p acme -e feature -y');
    expect(operationCommand('acme', 'old', 'delete', { keepBranch: true })).toBe('slipway-cli environment:delete -p acme -e old --keep-branch -y');
    expect(operationCommand('acme', 'feature', 'redeploy')).toBe('slipway-cli environment:redeploy -p acme -e feature');
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

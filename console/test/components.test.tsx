import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import type { Activity, Environment } from '../src/api/client';
import { ActivityStream } from '../src/components/ActivityStream';
import { EnvironmentTree } from '../src/components/EnvironmentTree';
import { ProblemMessage } from '../src/components/ProblemMessage';
import { ApiProblem } from '../src/api/client';

const environments: Environment[] = [
  { id: 'master', projectId: 'shop', type: 'INTEGRATION', status: 'ACTIVE', parent: null, branch: 'master', deployedCommit: '9fceb02aa11',
    latestDeployment: { id: 'd1', state: 'SUCCEEDED' }, urls: { store: 'https://master-shop.example/' } },
  { id: 'old', type: 'INTEGRATION', status: 'INACTIVE', parent: 'master', branch: 'old', latestDeployment: null },
  { id: 'production', type: 'PRODUCTION', status: 'ACTIVE', parent: null, branch: 'master',
    latestDeployment: { id: 'd2', state: 'RUNNING' } },
  { id: 'staging', type: 'STAGING', status: 'ACTIVE', parent: null, branch: 'master' },
];

describe('EnvironmentTree', () => {
  it('shows Staging and Production as their own tier and the children under their parent', () => {
    render(<EnvironmentTree environments={environments} />);
    const tier = screen.getByRole('region', { name: 'Staging and Production' });
    expect(within(tier).getByLabelText('production, active')).toBeInTheDocument();
    expect(within(tier).getByLabelText('staging, active')).toBeInTheDocument();
    expect(within(tier).queryByLabelText('master, active')).toBeNull();
    const children = screen.getByRole('list', { name: 'Children of master' });
    expect(within(children).getByLabelText('old, inactive')).toBeInTheDocument();
  });

  it('dims inactive environments and shows status, deployed commit, latest deployment and URL', () => {
    render(<EnvironmentTree environments={environments} />);
    expect(screen.getByLabelText('old, inactive')).toHaveClass('inactive');
    const master = screen.getByLabelText('master, active');
    expect(master).not.toHaveClass('inactive');
    expect(within(master).getByText('9fceb02')).toBeInTheDocument();
    expect(within(master).getByRole('link', { name: 'SUCCEEDED' })).toHaveAttribute('href', '#/projects/shop/deployments/d1');
    expect(within(master).getByRole('link', { name: 'https://master-shop.example/' })).toBeInTheDocument();
    expect(within(screen.getByLabelText('production, active')).getByText('RUNNING')).toBeInTheDocument();
    expect(within(screen.getByLabelText('old, inactive')).getByText('none yet')).toBeInTheDocument();
  });
});

describe('ActivityStream', () => {
  const activity = (over: Partial<Activity>): Activity => ({
    id: crypto.randomUUID(), type: 'environment.branch', environmentId: 'feature', createdBy: 'alice',
    state: 'COMPLETE', result: 'SUCCESS', createdAt: '2026-11-26T15:00:00Z', log: 'ok', ...over,
  });

  it('shows a complete activity that failed as failed, its state and result apart (platformsh-docs#4356)', () => {
    render(<ActivityStream activities={[activity({ result: 'FAILURE', log: 'merge conflict in app.yaml' })]} />);
    const item = screen.getByRole('listitem');
    expect(item).toHaveClass('failed');
    expect(within(item).getByTitle('State')).toHaveTextContent('State: COMPLETE');
    expect(within(item).getByTitle('Result')).toHaveTextContent('Result: FAILED');
    expect(within(item).getByText('merge conflict in app.yaml')).toBeInTheDocument();
  });

  it('shows a running activity with its state and no result yet', () => {
    render(<ActivityStream activities={[activity({ state: 'IN_PROGRESS', result: null }), activity({})]} />);
    const [running, done] = screen.getAllByRole('listitem');
    expect(within(running).getByTitle('State')).toHaveTextContent('IN_PROGRESS');
    expect(within(running).getByTitle('Result')).toHaveTextContent('pending');
    expect(running).not.toHaveClass('failed');
    expect(within(done).getByTitle('Result')).toHaveTextContent('SUCCEEDED');
  });
});

describe('ProblemMessage', () => {
  it('shows the title and detail as the API gave them', () => {
    render(<ProblemMessage error={new ApiProblem(409, { title: 'Conflict', detail: 'Project shop already has 8 active Integration environments' })} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Conflict');
    expect(alert).toHaveTextContent('Project shop already has 8 active Integration environments');
  });
});

import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EnvironmentPage } from '../src/pages/EnvironmentPage';
import { fakeFetch, json, problem, renderWithApi, type Handler } from './helpers';

type Refused = Record<string, [rule: string, detail: string]>;

/** The view's `actions`: every operation allowed but those refused, as environment-service lists them. */
const actions = (refused: Refused = {}) => ['branch', 'merge', 'sync', 'activate', 'deactivate', 'redeploy', 'delete'].map((name) => (
  refused[name]
    ? { name, allowed: false, refusal: { rule: refused[name][0], status: 409, type: 'urn:slipway:problem:x', detail: refused[name][1] } }
    : { name, allowed: true, refusal: null }));

const ACTIVE_CHILD: Refused = {
  activate: ['ENV-4', 'Active environments cannot be activated'],
  delete: ['ENV-4', 'Active environments cannot be deleted'],
};

const feature = {
  id: 'feature', projectId: 'shop', title: 'Feature', type: 'INTEGRATION', status: 'ACTIVE', parent: 'master', branch: 'feature',
  headCommit: '9fceb02aa11', deployedCommit: '9fceb02aa11', latestDeployment: { id: 'd1', state: 'SUCCEEDED' },
  urls: { store: 'https://feature-shop.example/', ssh: 'ssh://shop-feature@ssh.example:2222' }, nodes: [{ node: 1, health: 'HEALTHY' }],
  actions: actions(ACTIVE_CHILD),
};

/** `environment` is the view, or a function answering each read of it; `role` is for the ticket forms only. */
function fake(environment: object | (() => object), role: string | null = 'admin', extra: Record<string, Handler> = {}) {
  const view = typeof environment === 'function' ? environment : () => environment;
  const id = (view() as { id: string }).id;
  return fakeFetch({
    'GET /api/v1/projects/shop/access': () => json(200, { projectId: 'shop', userId: 'alice', role, support: role === null }),
    [`GET /api/v1/projects/shop/environments/${id}`]: () => json(200, view()),
    [`GET /api/v1/projects/shop/environments/${id}/activities`]: () => json(200, { items: [], next: null }),
    ...extra,
  });
}

/** The operation's form, by its heading; its button has the same name. */
const operation = (name: string) => screen.getByRole('form', { name });

describe('EnvironmentPage', () => {
  it('shows status, type, parent, commits, URLs and latest deployment, and links to deployments and variables', async () => {
    const f = fake(feature, 'admin');
    renderWithApi(<EnvironmentPage projectId="shop" environmentId="feature" />, f.fetch);
    expect(await screen.findByRole('heading', { level: 1, name: /Feature/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'master' })).toHaveAttribute('href', '#/projects/shop/environments/master');
    expect(screen.getByRole('link', { name: 'SUCCEEDED' })).toHaveAttribute('href', '#/projects/shop/deployments/d1');
    expect(screen.getByRole('link', { name: 'https://feature-shop.example/' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Deployments' })).toHaveAttribute('href', '#/projects/shop/environments/feature/deployments');
    expect(screen.getByRole('link', { name: 'Variables' })).toHaveAttribute('href', '#/projects/shop/environments/feature/variables');
    expect(screen.getByText('INTEGRATION')).toBeInTheDocument();
  });

  it('enables the allowed actions and disables a refused one with its detail and rule beside the button', async () => {
    const contributor = 'This needs the admin role on project shop; you are contributor.';
    const f = fake({ ...feature, actions: actions({ ...ACTIVE_CHILD, merge: ['SEC-2', contributor], deactivate: ['SEC-2', contributor] }) });
    renderWithApi(<EnvironmentPage projectId="shop" environmentId="feature" />, f.fetch);
    const merge = await screen.findByRole('button', { name: 'Merge' });
    expect(merge).toBeDisabled();
    expect(merge).toHaveAccessibleDescription(`${contributor} (SEC-2)`);
    expect(within(operation('Merge')).getByText(`${contributor} (SEC-2)`)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Deactivate' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Activate' })).toHaveAccessibleDescription('Active environments cannot be activated (ENV-4)');
    expect(screen.getByRole('button', { name: 'Redeploy' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Redeploy' })).not.toHaveAccessibleDescription();
    expect(screen.getByRole('button', { name: 'Sync' })).toBeEnabled();
    // Branch is allowed, and waits for a name, and says so.
    expect(screen.getByRole('button', { name: 'Branch' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Branch' })).toHaveAccessibleDescription('Name the new branch.');
    // The actions say it all: the caller's role is not asked for.
    expect(f.requests.some((r) => r.url.endsWith('/access'))).toBe(false);
  });

  it('shows refusals only the service can know, and disables an action the view does not list', async () => {
    const limit = 'The project has 8 active environments, its limit: deactivate one first.';
    const f = fake({ ...feature, status: 'INACTIVE', actions: actions({
      branch: ['ENV-4', "Only an active environment can be branched; 'feature' is INACTIVE."],
      activate: ['ENV-3', limit],
    }).filter((a) => a.name !== 'delete') });
    renderWithApi(<EnvironmentPage projectId="shop" environmentId="feature" />, f.fetch);
    const activate = await screen.findByRole('button', { name: 'Activate' });
    expect(activate).toBeDisabled();
    expect(within(operation('Activate')).getByText(`${limit} (ENV-3)`)).toBeVisible();
    // Enabled because the view allows it, whatever the status: the console restates no rule.
    expect(screen.getByRole('button', { name: 'Redeploy' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Delete' })).toHaveAccessibleDescription('The service does not offer this action now.');
  });

  it('explains the ENV-4 preconditions on master in the view\'s words', async () => {
    const f = fake({ ...feature, id: 'master', title: 'Master', parent: null, branch: 'master', actions: actions({
      merge: ['ENV-4', 'The environment does not have a parent, so it cannot be merged'],
      sync: ['ENV-4', 'The environment does not have a parent, so it cannot be synchronized'],
      activate: ['ENV-4', 'Active environments cannot be activated'],
      deactivate: ['ENV-4', 'The master environment cannot be deactivated.'],
      delete: ['ENV-4', 'The master environment cannot be deleted.'],
    }) });
    renderWithApi(<EnvironmentPage projectId="shop" environmentId="master" />, f.fetch);
    const merge = await screen.findByRole('button', { name: 'Merge' });
    expect(screen.getByRole('button', { name: 'Deactivate' })).toHaveAccessibleDescription('The master environment cannot be deactivated. (ENV-4)');
    expect(merge).toHaveAccessibleDescription('The environment does not have a parent, so it cannot be merged (ENV-4)');
    expect(screen.getByRole('button', { name: 'Activate' })).toHaveAccessibleDescription('Active environments cannot be activated (ENV-4)');
    expect(screen.getByRole('button', { name: 'Redeploy' })).toBeEnabled();
  });

  it('branches with an Idempotency-Key, shows the CLI command, and follows the activity until it completes', async () => {
    const activity = { id: 'a1', projectId: 'shop', environmentId: 'feature-y', type: 'environment.branch', state: 'IN_PROGRESS',
      result: null, createdBy: 'alice', log: 'asked the git host to create branch feature/y\n' };
    const f = fake(feature, 'admin', {
      'POST /api/v1/projects/shop/environments/feature/branch': () => json(202, activity),
      'GET /api/v1/projects/shop/activities/a1': () => json(200, { ...activity, state: 'COMPLETE', result: 'SUCCESS', log: `${activity.log}branch created\n` }),
    });
    renderWithApi(<EnvironmentPage projectId="shop" environmentId="feature" />, f.fetch);
    const user = userEvent.setup();
    const branch = await screen.findByRole('form', { name: 'Branch' });
    expect(within(branch).getByText("slipway-cli environment:branch '<name>' -p shop -e feature")).toBeInTheDocument();
    await user.type(within(branch).getByLabelText('Branch name'), 'feature/y');
    await user.type(within(branch).getByLabelText('Title'), 'Checkout v2');
    expect(within(branch).getByText("slipway-cli environment:branch feature/y --title 'Checkout v2' -p shop -e feature")).toBeInTheDocument();
    await user.click(within(branch).getByRole('button', { name: 'Branch' }));
    const post = await waitFor(() => f.requests.find((r) => r.method === 'POST')!);
    expect(await post.json()).toEqual({ name: 'feature/y', title: 'Checkout v2' });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    const progress = await screen.findByRole('region', { name: 'Activity environment.branch' });
    await waitFor(() => expect(within(progress).getByTitle('Result')).toHaveTextContent('SUCCEEDED'));
    expect(within(progress).getByTitle('State')).toHaveTextContent('COMPLETE');
    expect(within(progress).getByText(/branch created/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'feature-y' })).toHaveAttribute('href', '#/projects/shop/environments/feature-y');
  });

  it('shows the service refusal as it gave it when it answers otherwise at the click, then the view\'s new actions', async () => {
    const busy = "Another operation is in progress on environment 'feature' (activity a9).";
    let refused = false;
    const f = fake(() => ({ ...feature, actions: actions(refused ? { ...ACTIVE_CHILD, redeploy: ['ENV-4', busy] } : ACTIVE_CHILD) }), 'admin', {
      'POST /api/v1/projects/shop/environments/feature/redeploy': () => { refused = true; return problem(409, 'Conflict', busy); },
    });
    renderWithApi(<EnvironmentPage projectId="shop" environmentId="feature" />, f.fetch);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Redeploy' }));
    const alert = await within(operation('Redeploy')).findByRole('alert');
    expect(alert).toHaveTextContent('Conflict');
    expect(alert).toHaveTextContent(busy);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Redeploy' })).toHaveAccessibleDescription(`${busy} (ENV-4)`));
    expect(screen.getByRole('button', { name: 'Redeploy' })).toBeDisabled();
  });

  it('syncs code and data, and refuses an empty sync before sending it', async () => {
    const f = fake(feature, 'admin', {
      'POST /api/v1/projects/shop/environments/feature/sync': () => json(202, { id: 'a2', type: 'environment.sync', state: 'COMPLETE', result: 'SUCCESS' }),
      'GET /api/v1/projects/shop/activities/a2': () => json(200, { id: 'a2', type: 'environment.sync', state: 'COMPLETE', result: 'SUCCESS' }),
    });
    renderWithApi(<EnvironmentPage projectId="shop" environmentId="feature" />, f.fetch);
    const user = userEvent.setup();
    const sync = await screen.findByRole('form', { name: 'Sync' });
    await user.click(within(sync).getByLabelText('Code'));
    expect(within(sync).getByRole('button', { name: 'Sync' })).toHaveAccessibleDescription('Nothing to synchronize: you must specify data or code');
    await user.click(within(sync).getByLabelText('Data'));
    await user.click(within(sync).getByLabelText('Code'));
    expect(within(sync).getByText('slipway-cli environment:synchronize code data -p shop -e feature -y')).toBeInTheDocument();
    await user.click(within(sync).getByRole('button', { name: 'Sync' }));
    await waitFor(() => expect(f.requests.some((r) => r.method === 'POST')).toBe(true));
    expect(await f.requests.find((r) => r.method === 'POST')!.json()).toEqual({ code: true, data: true });
  });

  it('deletes an inactive environment only once its id is typed', async () => {
    const f = fake({ ...feature, status: 'INACTIVE', actions: actions({
      branch: ['ENV-4', "Only an active environment can be branched; 'feature' is INACTIVE."],
      deactivate: ['ENV-4', 'Inactive environments cannot be deactivated'],
    }) }, 'admin', {
      'DELETE /api/v1/projects/shop/environments/feature': () => json(202, { id: 'a3', type: 'environment.delete', state: 'IN_PROGRESS' }),
      'GET /api/v1/projects/shop/activities/a3': () => json(200, { id: 'a3', type: 'environment.delete', state: 'IN_PROGRESS' }),
    });
    renderWithApi(<EnvironmentPage projectId="shop" environmentId="feature" />, f.fetch);
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Delete' });
    expect(within(form).getByRole('button', { name: 'Delete' })).toHaveAccessibleDescription('Type feature to confirm.');
    expect(within(form).getByRole('button', { name: 'Delete' })).toBeDisabled();
    await user.click(within(form).getByLabelText('Keep the git branch'));
    await user.type(within(form).getByLabelText('Type feature to confirm'), 'feature');
    expect(within(form).getByText('slipway-cli environment:delete -p shop -e feature --keep-branch -y')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(f.requests.some((r) => r.method === 'DELETE')).toBe(true));
    expect(new URL(f.requests.find((r) => r.method === 'DELETE')!.url).searchParams.get('keepBranch')).toBe('true');
    expect(await screen.findByRole('region', { name: 'Activity environment.delete' })).toBeInTheDocument();
  });

  it('replaces the buttons on Production with ticket forms, and opens a DEPLOY ticket linked to its page', async () => {
    const production = { ...feature, id: 'production', title: 'Production', type: 'PRODUCTION', parent: null, branch: 'master' };
    const f = fake(production, 'contributor', {
      'POST /api/v1/tickets': () => json(201, { id: 't1', type: 'DEPLOY', state: 'OPEN', subject: 'Deploy to production' }),
    });
    renderWithApi(<EnvironmentPage projectId="shop" environmentId="production" />, f.fetch);
    const user = userEvent.setup();
    const deploy = await screen.findByRole('form', { name: 'Deploy' });
    for (const name of ['Branch', 'Merge', 'Sync', 'Activate', 'Deactivate', 'Redeploy', 'Delete']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    expect(screen.getAllByRole('button', { name: 'Request via ticket' })).toHaveLength(4);
    expect(screen.getByRole('form', { name: 'Go live' })).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Deployment settings' })).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'SSH key' })).toBeInTheDocument();
    await user.type(within(deploy).getByLabelText('Commit (optional)'), '9fceb02');
    await user.click(within(deploy).getByLabelText(/Include data/));
    await user.click(within(deploy).getByRole('button', { name: 'Request via ticket' }));
    expect(await within(deploy).findByRole('link', { name: /DEPLOY ticket/ })).toHaveAttribute('href', '#/tickets/t1');
    const post = f.requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({ type: 'DEPLOY', projectId: 'shop', environmentId: 'production', subject: 'Deploy to production',
      priority: 'NORMAL', payload: { commit: '9fceb02', includeData: true } });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(within(deploy).getByText("slipway-cli ticket:create -p shop -e production --type DEPLOY --subject 'Deploy to production' --commit 9fceb02 --include-data")).toBeInTheDocument();
  });

  it('offers no GO_LIVE on Staging, and tells a viewer that tickets need the contributor role', async () => {
    const staging = { ...feature, id: 'staging', title: 'Staging', type: 'STAGING', parent: null, branch: 'master' };
    renderWithApi(<EnvironmentPage projectId="shop" environmentId="staging" />, fake(staging, 'viewer').fetch);
    const deploy = await screen.findByRole('form', { name: 'Deploy' });
    expect(screen.queryByRole('form', { name: 'Go live' })).toBeNull();
    await waitFor(() => expect(within(deploy).getByRole('button', { name: 'Request via ticket' })).toBeDisabled());
    expect(within(deploy).getByRole('button', { name: 'Request via ticket' }))
      .toHaveAccessibleDescription('Opening a ticket takes the contributor role in the project.');
  });
});

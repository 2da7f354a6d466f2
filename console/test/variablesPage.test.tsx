import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VariablesPage } from '../src/pages/VariablesPage';
import { fakeFetch, json, problem, renderWithApi, type Handler } from './helpers';

const variable = (over: object) => ({
  name: 'X', value: 'x', json: false, sensitive: false, inheritable: true, visibleBuild: true, visibleRuntime: true, enabled: true,
  level: 'environment', environmentId: 'feature', updatedAt: '2026-11-26T15:00:00Z', ...over,
});

function fake(environment: { id: string; type: string }, role: string, extra: Record<string, Handler> = {}) {
  const base = `/api/v1/projects/shop/environments/${environment.id}`;
  return fakeFetch({
    'GET /api/v1/projects/shop/access': () => json(200, { role, support: false }),
    [`GET ${base}`]: () => json(200, { projectId: 'shop', status: 'ACTIVE', ...environment }),
    // Two pages (API-4): the page follows `next` to show the whole view.
    [`GET ${base}/effective-variables`]: (request) => new URL(request.url).searchParams.get('cursor') === 'e2'
      ? json(200, { items: [
        { name: 'env:STRIPE_KEY', value: null, sensitive: true, inherited: false, source: environment.id, visibleBuild: false, visibleRuntime: true },
      ], next: null })
      : json(200, { items: [
        { name: 'FROM_MASTER', value: 'm', sensitive: false, inherited: true, source: 'master', visibleBuild: true, visibleRuntime: true },
        { name: 'SHARED', value: 'p', sensitive: false, inherited: true, source: 'project', visibleBuild: true, visibleRuntime: true },
      ], next: 'e2' }),
    [`GET ${base}/variables`]: () => json(200, { items: [
      variable({ name: 'env:STRIPE_KEY', value: null, sensitive: true, environmentId: environment.id }),
      variable({ name: 'LEVEL', value: '1', environmentId: environment.id }),
    ], next: null }),
    ...extra,
  });
}

describe('VariablesPage', () => {
  it('shows the effective view with where each value comes from, and never a sensitive value', async () => {
    const f = fake({ id: 'feature', type: 'INTEGRATION' }, 'admin');
    renderWithApi(<VariablesPage projectId="shop" environmentId="feature" />, f.fetch);
    const table = await screen.findByRole('table');
    const row = (name: string) => within(table).getByRole('row', { name: new RegExp(`^${name}`) });
    expect(within(row('SHARED')).getByRole('link', { name: 'project' })).toHaveAttribute('href', '#/projects/shop/variables');
    expect(row('FROM_MASTER')).toHaveTextContent('inherited from master');
    expect(within(row('FROM_MASTER')).getByRole('link', { name: 'master' })).toHaveAttribute('href', '#/projects/shop/environments/master/variables');
    expect(row('env:STRIPE_KEY')).toHaveTextContent('hidden');
    expect(row('env:STRIPE_KEY')).toHaveTextContent('this environment');
    const own = screen.getByRole('region', { name: 'Variables of feature itself' });
    expect(within(own).getAllByText('hidden')).toHaveLength(1);
    const effective = f.requests.filter((r) => r.url.includes('/effective-variables')).map((r) => new URL(r.url).searchParams);
    expect(effective.map((query) => query.get('cursor'))).toEqual(expect.arrayContaining([null, 'e2']));
    expect(effective.every((query) => query.get('limit') === '200')).toBe(true);
  });

  it('edits with If-Match of the version read, and keeps a sensitive value and flag as they are', async () => {
    const f = fake({ id: 'feature', type: 'INTEGRATION' }, 'admin', {
      'GET /api/v1/projects/shop/environments/feature/variables/env%3ASTRIPE_KEY': () =>
        new Response(JSON.stringify(variable({ name: 'env:STRIPE_KEY', value: null, sensitive: true })),
          { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"7"' } }),
      'PATCH /api/v1/projects/shop/environments/feature/variables/env%3ASTRIPE_KEY': () => json(200, variable({ name: 'env:STRIPE_KEY', sensitive: true })),
    });
    renderWithApi(<VariablesPage projectId="shop" environmentId="feature" />, f.fetch);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit env:STRIPE_KEY' }));
    const editor = await screen.findByRole('form', { name: 'Edit env:STRIPE_KEY' });
    const sensitive = within(editor).getByLabelText('Sensitive');
    await waitFor(() => expect(sensitive).toBeChecked());
    expect(sensitive).toBeDisabled();
    expect(sensitive).toHaveAccessibleDescription('A sensitive variable cannot be made non-sensitive; delete and recreate it. (VAR-2)');
    expect(within(editor).getByLabelText('Value')).toHaveValue('');
    await user.click(within(editor).getByLabelText('Visible at build'));
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(f.requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = f.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"7"');
    expect(await patch.json()).toEqual({ sensitive: true, json: false, visibleBuild: false, visibleRuntime: true, inheritable: true, enabled: true });
  });

  it('deletes with If-Match and shows a 412 as the API gave it', async () => {
    const f = fake({ id: 'feature', type: 'INTEGRATION' }, 'admin', {
      'GET /api/v1/projects/shop/environments/feature/variables/LEVEL': () =>
        new Response(JSON.stringify(variable({ name: 'LEVEL', value: '1' })), { status: 200, headers: { 'Content-Type': 'application/json', ETag: '"3"' } }),
      'DELETE /api/v1/projects/shop/environments/feature/variables/LEVEL': () => problem(412, 'Precondition Failed', 'LEVEL changed since version 3 was read'),
    });
    renderWithApi(<VariablesPage projectId="shop" environmentId="feature" />, f.fetch);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete LEVEL' }));
    const confirm = screen.getByRole('group', { name: 'Delete LEVEL' });
    await waitFor(() => expect(within(confirm).getByRole('button', { name: 'Delete variable' })).toBeEnabled());
    expect(within(confirm).getByText('slipway-cli variable:delete --level environment -p shop -e feature LEVEL -y')).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Delete variable' }));
    expect(await within(confirm).findByRole('alert')).toHaveTextContent('LEVEL changed since version 3 was read');
    expect(f.requests.find((r) => r.method === 'DELETE')!.headers.get('If-Match')).toBe('"3"');
  });

  it('creates a variable with its flags and an Idempotency-Key; the CLI command never shows a sensitive value', async () => {
    const f = fake({ id: 'feature', type: 'INTEGRATION' }, 'admin', {
      'POST /api/v1/projects/shop/environments/feature/variables': () => json(201, variable({ name: 'TOKEN', sensitive: true, value: null })),
    });
    renderWithApi(<VariablesPage projectId="shop" environmentId="feature" />, f.fetch);
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a variable' });
    await user.type(within(form).getByLabelText('Name'), 'TOKEN');
    await user.type(within(form).getByLabelText('Value'), 's3cret');
    await user.click(within(form).getByLabelText('Sensitive'));
    await user.click(within(form).getByLabelText('Inheritable'));
    const cli = within(form).getByText(/variable:create/);
    expect(cli).toHaveTextContent('slipway-cli variable:create --level environment -p shop -e feature TOKEN --value "$VALUE" --sensitive --inheritable=false');
    expect(cli).not.toHaveTextContent('s3cret');
    await user.click(within(form).getByRole('button', { name: 'Add variable' }));
    await waitFor(() => expect(f.requests.some((r) => r.method === 'POST')).toBe(true));
    const post = f.requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({ name: 'TOKEN', value: 's3cret', sensitive: true, json: false, visibleBuild: true,
      visibleRuntime: true, inheritable: false, enabled: true });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('offers the DEPLOYMENT_SETTINGS ticket when Production refuses a change with ticket-required, and links to it', async () => {
    const f = fake({ id: 'production', type: 'PRODUCTION' }, 'admin', {
      'POST /api/v1/projects/shop/environments/production/variables': () => json(403, { type: 'urn:slipway:problem:ticket-required',
        title: 'Forbidden', status: 403, detail: 'Production settings change only through an approved support ticket: open a DEPLOYMENT_SETTINGS ticket.' },
      'application/problem+json'),
      'POST /api/v1/tickets': () => json(201, { id: 't9', type: 'DEPLOYMENT_SETTINGS', state: 'OPEN', subject: 'Set variable FEATURE_FLAG on production' }),
    });
    renderWithApi(<VariablesPage projectId="shop" environmentId="production" />, f.fetch);
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Add a variable' });
    await user.type(within(form).getByLabelText('Name'), 'FEATURE_FLAG');
    await user.type(within(form).getByLabelText('Value'), 'on');
    await user.click(within(form).getByRole('button', { name: 'Add variable' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'Production settings change only through an approved support ticket: open a DEPLOYMENT_SETTINGS ticket.');
    await user.click(within(form).getByRole('button', { name: 'Request via ticket' }));
    expect(await within(form).findByRole('link', { name: /DEPLOYMENT_SETTINGS ticket/ })).toHaveAttribute('href', '#/tickets/t9');
    const ticket = f.requests.find((r) => r.url.endsWith('/api/v1/tickets'))!;
    expect(await ticket.json()).toEqual({ type: 'DEPLOYMENT_SETTINGS', projectId: 'shop', environmentId: 'production',
      subject: 'Set variable FEATURE_FLAG on production', payload: { variables: [{ action: 'SET', name: 'FEATURE_FLAG', value: 'on',
        sensitive: false, json: false, visibleBuild: true, visibleRuntime: true, inheritable: true, enabled: true }] } });
    expect(ticket.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('disables writes for a contributor with the reason, on the project level too', async () => {
    const f = fakeFetch({
      'GET /api/v1/projects/shop/access': () => json(200, { role: 'contributor', support: false }),
      'GET /api/v1/projects/shop/variables': () => json(200, { items: [variable({ name: 'SHARED', level: 'project', environmentId: null })], next: null }),
    });
    renderWithApi(<VariablesPage projectId="shop" />, f.fetch);
    const edit = await screen.findByRole('button', { name: 'Edit SHARED' });
    await waitFor(() => expect(edit).toBeDisabled());
    expect(edit).toHaveAccessibleDescription('This needs the admin role on project shop; you are contributor.');
    expect(screen.getByRole('button', { name: 'Add variable' })).toBeDisabled();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

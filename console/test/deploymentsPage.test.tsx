import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeploymentsPage } from '../src/pages/DeploymentsPage';
import { fakeFetch, json, renderWithApi } from './helpers';

const deployment = (id: string, over: object = {}) => ({
  id, projectId: 'shop', environmentId: 'master', trigger: 'PUSH', state: 'SUCCEEDED', requestedBy: 'alice', commit: '9fceb02aa11',
  queuedAt: '2026-11-27T10:00:00Z', ...over,
});

describe('DeploymentsPage', () => {
  it('pages with the cursor the API gives ("More"), filters by environment and state, and links each log', async () => {
    const fake = fakeFetch({
      'GET /api/v1/projects/shop/environments': () => json(200, { items: [{ id: 'master' }, { id: 'feature' }], next: null }),
      'GET /api/v1/projects/shop/deployments': (request) => {
        const query = new URL(request.url).searchParams;
        if (query.get('state') === 'FAILED') {
          return json(200, { items: [deployment('d9', { state: 'FAILED', phase: 'DEPLOY', detail: 'DEPLOY on node 1 failed with exit code 3' })], next: null });
        }
        return query.get('cursor') === 'c2'
          ? json(200, { items: [deployment('d3')], next: null })
          : json(200, { items: [deployment('d1'), deployment('d2', { trigger: 'TICKET', ticketId: 't7', environmentId: 'production' })], next: 'c2' });
      },
    });
    renderWithApi(<DeploymentsPage projectId="shop" environmentId="master" />, fake.fetch);
    const user = userEvent.setup();
    const list = await screen.findByRole('list', { name: 'Deployments' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    const first = fake.requests.find((r) => r.url.includes('/deployments'))!;
    expect(new URL(first.url).searchParams.get('environment')).toBe('master');
    expect(new URL(first.url).searchParams.get('limit')).toBe('20');
    expect(within(list).getAllByRole('link', { name: /^SUCCEEDED deployment of master/ })[0]).toHaveAttribute('href', '#/projects/shop/deployments/d1');
    expect(within(list).getByRole('link', { name: 't7' })).toHaveAttribute('href', '#/tickets/t7');
    await user.click(screen.getByRole('button', { name: 'More' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Deployments' })).getAllByRole('listitem')).toHaveLength(3));
    expect(new URL(fake.requests.filter((r) => r.url.includes('/deployments')).at(-1)!.url).searchParams.get('cursor')).toBe('c2');
    expect(screen.queryByRole('button', { name: 'More' })).toBeNull();

    await user.selectOptions(screen.getByLabelText('State'), 'FAILED');
    expect(await screen.findByText('DEPLOY on node 1 failed with exit code 3')).toBeInTheDocument();
    expect(screen.getByText('slipway-cli deployment:list -p shop -e master --state FAILED')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Environment'), '');
    await waitFor(() => expect(new URL(fake.requests.at(-1)!.url).searchParams.has('environment')).toBe(false));
  });
});

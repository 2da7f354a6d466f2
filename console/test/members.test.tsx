import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MembersPage } from '../src/pages/MembersPage';
import { ProjectOverview } from '../src/pages/ProjectOverview';
import { fakeFetch, json, problem, renderWithApi } from './helpers';

const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
const tokenOf = (sub: string, groups: string[] = []) => `${b64({ alg: 'RS256' })}.${b64({ sub, groups })}.sig`;

const page = (items: object[]) => json(200, { items, next: null });

describe('MembersPage', () => {
  it('disables changing and removing the last admin with the reason beside, and shows the new roles after a change', async () => {
    let members = [{ userId: 'alice', role: 'admin' }, { userId: 'bob', role: 'contributor' }];
    const fake = fakeFetch({
      'GET /api/v1/projects/shop/members': () => page(members),
      'GET /api/v1/projects/shop/access': () => json(200, { projectId: 'shop', userId: 'alice', role: 'admin', support: false }),
      'PATCH /api/v1/projects/shop/members/bob': async (request) => {
        const { role } = await request.json();
        members = members.map((m) => (m.userId === 'bob' ? { ...m, role } : m));
        return json(200, { userId: 'bob', role });
      },
    });
    renderWithApi(<MembersPage projectId="shop" />, fake.fetch, tokenOf('alice'));
    const alice = await screen.findByRole('row', { name: 'alice' });
    const reason = 'alice is the last admin of project shop: make another member admin first (ENV-9).';
    expect(within(alice).getByRole('button', { name: 'Remove alice' })).toBeDisabled();
    expect(within(alice).getByRole('button', { name: 'Remove alice' })).toHaveAccessibleDescription(reason);
    expect(within(alice).getByLabelText('Role of alice')).toBeDisabled();
    expect(within(alice).getByText(reason)).toBeVisible();

    const user = userEvent.setup();
    const bob = screen.getByRole('row', { name: 'bob' });
    expect(within(bob).getByRole('button', { name: 'Remove bob' })).toBeEnabled();
    await user.selectOptions(within(bob).getByLabelText('Role of bob'), 'admin');
    await user.click(within(bob).getByRole('button', { name: 'Change role of bob' }));

    const patch = await waitFor(() => fake.requests.find((r) => r.method === 'PATCH')!);
    expect(await patch.clone().json()).toEqual({ role: 'admin' });
    // The server's new state: two admins, so alice is no longer the last one.
    await waitFor(() => expect(within(screen.getByRole('row', { name: 'alice' })).getByRole('button', { name: 'Remove alice' })).toBeEnabled());
    expect(within(screen.getByRole('row', { name: 'bob' })).getByLabelText('Role of bob')).toHaveValue('admin');
    expect(screen.queryByText(reason)).toBeNull();
  });

  it('shows the API\'s last-admin problem as it comes when the list was out of date', async () => {
    const fake = fakeFetch({
      'GET /api/v1/projects/shop/members': () => page([{ userId: 'alice', role: 'admin' }, { userId: 'bob', role: 'admin' }]),
      'GET /api/v1/projects/shop/access': () => json(200, { role: 'admin' }),
      'DELETE /api/v1/projects/shop/members/bob': () =>
        problem(409, 'Conflict', 'bob is the last admin of project shop; make another member admin first.', { type: 'urn:slipway:problem:last-admin' }),
    });
    renderWithApi(<MembersPage projectId="shop" />, fake.fetch, tokenOf('alice'));
    const bob = await screen.findByRole('row', { name: 'bob' });
    await userEvent.setup().click(within(bob).getByRole('button', { name: 'Remove bob' }));
    const alert = await within(bob).findByRole('alert');
    expect(alert).toHaveTextContent('Conflict');
    expect(alert).toHaveTextContent('bob is the last admin of project shop; make another member admin first.');
  });

  it('invites with the user id and role and an Idempotency-Key; a non-admin sees Invite disabled with the reason', async () => {
    let role = 'admin';
    const fake = fakeFetch({
      'GET /api/v1/projects/shop/members': () => page([{ userId: 'alice', role: 'admin' }]),
      'GET /api/v1/projects/shop/access': () => json(200, { role }),
      'POST /api/v1/projects/shop/members': () => json(201, { userId: 'carol', role: 'viewer' }),
    });
    const { unmount } = renderWithApi(<MembersPage projectId="shop" />, fake.fetch, tokenOf('alice'));
    const user = userEvent.setup();
    await screen.findByRole('row', { name: 'alice' });
    await user.type(screen.getByLabelText('User id'), 'carol');
    await user.selectOptions(screen.getByLabelText('Role'), 'viewer');
    await user.click(screen.getByRole('button', { name: 'Invite' }));
    const post = await waitFor(() => fake.requests.find((r) => r.method === 'POST')!);
    expect(await post.clone().json()).toEqual({ userId: 'carol', role: 'viewer' });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    unmount();

    role = 'contributor';
    renderWithApi(<MembersPage projectId="shop" />, fake.fetch, tokenOf('bob'));
    const why = 'Only a project admin changes members (SEC-2); bob is contributor.';
    await waitFor(() => expect(screen.getByRole('button', { name: 'Invite' })).toBeDisabled());
    expect(screen.getByRole('button', { name: 'Invite' })).toHaveAccessibleDescription(why);
    expect(within(await screen.findByRole('row', { name: 'alice' })).getByRole('button', { name: 'Remove alice' })).toBeDisabled();
  });

  it('is reached from the project overview', async () => {
    const fake = fakeFetch({
      'GET /api/v1/projects/shop': () => json(200, { id: 'shop' }),
      'GET /api/v1/projects/shop/environments': () => page([]),
      'GET /api/v1/projects/shop/activities': () => page([]),
    });
    renderWithApi(<ProjectOverview projectId="shop" />, fake.fetch);
    const nav = screen.getByRole('navigation', { name: 'Project' });
    expect(within(nav).getByRole('link', { name: 'Members' })).toHaveAttribute('href', '#/projects/shop/members');
    expect(within(nav).getByRole('link', { name: 'SSH access' })).toHaveAttribute('href', '#/projects/shop/access');
    expect(within(nav).getByRole('link', { name: 'Tickets of shop' })).toHaveAttribute('href', '#/tickets?project=shop');
  });
});

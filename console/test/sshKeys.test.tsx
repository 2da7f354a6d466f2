import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SshKeysPage } from '../src/pages/SshKeysPage';
import { ProjectAccessPage } from '../src/pages/ProjectAccessPage';
import { fakeFetch, json, problem, renderWithApi } from './helpers';

const laptop = { id: '1f0c8a9e-2b7d-4c55-9a0e-3f1d2c4b5a69', title: 'alice@laptop', keyType: 'ssh-ed25519', bits: 256,
  fingerprint: 'SHA256:yo4bZ4ZdHn5Tn4dX0uA2qGz1zv3r7pSgkqZkVbNq5rE', createdAt: '2026-11-27T10:00:00Z', lastUsedAt: null };

describe('SshKeysPage', () => {
  it('lists the keys with fingerprint, title and when each was added', async () => {
    const fake = fakeFetch({
      'GET /api/v1/ssh-keys': () => json(200, { items: [laptop], next: null }),
      'GET /api/v1/projects': () => json(200, { items: [{ id: 'shop', title: 'My shop' }], next: null }),
    });
    renderWithApi(<SshKeysPage />, fake.fetch);
    const row = await screen.findByRole('row', { name: 'alice@laptop' });
    expect(within(row).getByText('SHA256:yo4bZ4ZdHn5Tn4dX0uA2qGz1zv3r7pSgkqZkVbNq5rE')).toBeInTheDocument();
    expect(row.querySelector('time')).toHaveAttribute('dateTime', '2026-11-27T10:00:00Z');
    expect(await screen.findByRole('link', { name: 'SSH access to My shop' })).toHaveAttribute('href', '#/projects/shop/access');
  });

  it('shows an SSH-1 refusal as the API gives it: title, detail and violations', async () => {
    const fake = fakeFetch({
      'GET /api/v1/ssh-keys': () => json(200, { items: [], next: null }),
      'GET /api/v1/projects': () => json(200, { items: [], next: null }),
      'POST /api/v1/ssh-keys': () => problem(400, 'Bad Request', 'DSA keys are not accepted; use ssh-ed25519 (ssh-keygen -t ed25519).',
        { type: 'urn:slipway:problem:invalid-ssh-key', violations: [{ field: 'publicKey', message: 'DSA keys are not accepted' }] }),
    });
    renderWithApi(<SshKeysPage />, fake.fetch);
    const user = userEvent.setup();
    await screen.findByText('No keys yet: add one below.');
    await user.type(screen.getByLabelText('Public key'), 'ssh-dss AAAAB3NzaC1kc3MAAACBAP old@box');
    await user.click(screen.getByRole('button', { name: 'Add key' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Bad Request');
    expect(alert).toHaveTextContent('DSA keys are not accepted; use ssh-ed25519 (ssh-keygen -t ed25519).');
    expect(within(alert).getByRole('listitem')).toHaveTextContent('publicKey: DSA keys are not accepted');
    const post = fake.requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({ publicKey: 'ssh-dss AAAAB3NzaC1kc3MAAACBAP old@box' });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    // The pasted text stays for correcting it.
    expect(screen.getByLabelText('Public key')).toHaveValue('ssh-dss AAAAB3NzaC1kc3MAAACBAP old@box');
  });

  it('adds a key and lists it, and deletes one after confirmation', async () => {
    let keys: object[] = [];
    const fake = fakeFetch({
      'GET /api/v1/ssh-keys': () => json(200, { items: keys, next: null }),
      'GET /api/v1/projects': () => json(200, { items: [], next: null }),
      'POST /api/v1/ssh-keys': () => { keys = [laptop]; return json(201, laptop); },
      [`DELETE /api/v1/ssh-keys/${laptop.id}`]: () => { keys = []; return new Response(null, { status: 204 }); },
    });
    renderWithApi(<SshKeysPage />, fake.fetch);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Public key'), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOm9 alice@laptop');
    await user.click(screen.getByRole('button', { name: 'Add key' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Added alice@laptop');
    const row = await screen.findByRole('row', { name: 'alice@laptop' });
    await user.click(within(row).getByRole('button', { name: 'Delete alice@laptop' }));
    expect(fake.requests.some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(within(row).getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(screen.queryByRole('row', { name: 'alice@laptop' })).toBeNull());
    expect(screen.getByText('No keys yet: add one below.')).toBeInTheDocument();
  });
});

describe('ProjectAccessPage', () => {
  it('shows who can reach each environment, and how', async () => {
    const fake = fakeFetch({
      'GET /api/v1/projects/shop/ssh-keys': () => json(200, { items: [
        { keyId: 'k1', userId: 'alice', role: 'admin', title: 'alice@laptop', keyType: 'ssh-ed25519', fingerprint: 'SHA256:aaa',
          reaches: [{ environmentId: 'master', through: 'role' }] },
        { keyId: 'k2', userId: 'bob', role: 'contributor', title: 'bob@laptop', keyType: 'ssh-ed25519', fingerprint: 'SHA256:bbb',
          reaches: [{ environmentId: 'production', through: 'grant', grantId: 'g1', expiresAt: '2027-01-31T00:00:00Z' }] },
      ], next: null }),
      'GET /api/v1/projects/shop/ssh-grants': () => json(200, { items: [{ id: 'g1', ticketId: '0190aaaa-0000-7000-8000-000000000001' }], next: null }),
      'GET /api/v1/projects/shop/environments': () => json(200, { items: [{ id: 'master' }, { id: 'staging' }, { id: 'production' }], next: null }),
    });
    renderWithApi(<ProjectAccessPage projectId="shop" />, fake.fetch);
    const production = await screen.findByRole('region', { name: 'production' });
    expect(within(production).getByRole('row', { name: /bob/ })).toHaveTextContent('a grant until');
    expect(await within(production).findByRole('link', { name: '0190aaaa' })).toHaveAttribute('href', '#/tickets/0190aaaa-0000-7000-8000-000000000001');
    expect(within(screen.getByRole('region', { name: 'master' })).getByRole('row', { name: /alice/ })).toHaveTextContent('the admin role');
    expect(within(screen.getByRole('region', { name: 'staging' })).getByText('No key reaches it.')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['production', 'staging', 'master']);
  });

  it('shows the gateway\'s refusal to a non-admin as it comes', async () => {
    const fake = fakeFetch({
      'GET /api/v1/projects/shop/ssh-keys': () => problem(403, 'Forbidden', 'This takes the admin role in project shop.'),
      'GET /api/v1/projects/shop/ssh-grants': () => problem(403, 'Forbidden', 'This takes the admin role in project shop.'),
      'GET /api/v1/projects/shop/environments': () => json(200, { items: [], next: null }),
    });
    renderWithApi(<ProjectAccessPage projectId="shop" />, fake.fetch);
    expect(await screen.findByRole('alert')).toHaveTextContent('This takes the admin role in project shop.');
  });
});

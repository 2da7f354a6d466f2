import { describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SessionProvider, readClaims, useSession } from '../src/session';
import { SignIn } from '../src/pages/SignIn';
import { json } from './helpers';

const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const jwt = (claims: object) => `${b64({ alg: 'RS256' })}.${b64(claims)}.sig`;

function Who() {
  const { claims } = useSession();
  return <p data-testid="who">{claims ? `${claims.user} ${claims.groups.join(',')}` : 'nobody'}</p>;
}

function renderSignIn() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider><SignIn /><Who /></SessionProvider>
    </QueryClientProvider>,
  );
}

describe('readClaims', () => {
  it('reads the user and groups of a JWT and refuses what is not one', () => {
    expect(readClaims(jwt({ sub: 'sam', groups: ['support'], exp: 10 }))).toEqual(
      { user: 'sam', groups: ['support'], expiresAt: new Date(10000) });
    expect(readClaims('not a token')).toBeUndefined();
    expect(readClaims(jwt({ groups: [] }))).toBeUndefined();
  });
});

describe('SignIn', () => {
  it('signs in with a pasted token and keeps it for the tab', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(404, {})));
    renderSignIn();
    const user = userEvent.setup();
    const token = jwt({ sub: 'alice', groups: [] });
    await user.type(screen.getByLabelText('Bearer token (JWT)'), token);
    await user.click(screen.getByRole('button', { name: 'Sign in with this token' }));
    expect(screen.getByTestId('who')).toHaveTextContent('alice');
    expect(sessionStorage.getItem('slipway.token')).toBe(token);
  });

  it('refuses a pasted value that is not a JWT', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(404, {})));
    renderSignIn();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Bearer token (JWT)'), 'hello');
    await user.click(screen.getByRole('button', { name: 'Sign in with this token' }));
    expect(screen.getByRole('alert')).toHaveTextContent('This is not a JWT');
    expect(screen.getByTestId('who')).toHaveTextContent('nobody');
  });

  it('offers no development sign-in where the origin does not serve it', async () => {
    const fetch = vi.fn(async () => new Response('not found', { status: 404 }));
    vi.stubGlobal('fetch', fetch);
    renderSignIn();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    await act(async () => { await new Promise((r) => setTimeout(r, 20)); });
    expect(screen.queryByRole('heading', { name: 'Development sign-in' })).toBeNull();
  });

  it('mints a support token with the development sign-in in local runs', async () => {
    const token = jwt({ sub: 'sam', groups: ['support'] });
    const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'POST' ? json(200, { token }) : json(200, { available: true }));
    vi.stubGlobal('fetch', fetch);
    renderSignIn();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('User name'), 'sam');
    await user.click(screen.getByLabelText(/Support staff/));
    await user.click(screen.getByRole('button', { name: 'Sign in as sam' }));
    expect(screen.getByTestId('who')).toHaveTextContent('sam support');
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(post[0]).toBe('/dev/sign-in');
    expect(JSON.parse(post[1]!.body as string)).toEqual({ user: 'sam', support: true });
  });
});

import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from '../src/App';
import { createApi } from '../src/api/client';
import { ApiProvider } from '../src/api/context';
import { SessionProvider } from '../src/session';
import { fakeFetch, json } from './helpers';

const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
const token = `${b64({ alg: 'RS256' })}.${b64({ sub: 'sam', groups: ['support'] })}.sig`;

function renderApp(onSignOut: () => void) {
  const fake = fakeFetch({ 'GET /api/v1/projects': () => json(200, { items: [], next: null }) });
  vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 404 })));
  const api = createApi({ baseUrl: 'http://console.test', token: () => token, fetch: fake.fetch });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <SessionProvider initialToken={token} onSignOut={onSignOut}>
        <ApiProvider api={api}><App /></ApiProvider>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe('App', () => {
  // First in the file: React.lazy keeps a page's code once loaded, so later renders do not wait.
  it('says the page is loading while its code arrives (each page is loaded on demand)', async () => {
    renderApp(() => {});
    expect(screen.getByRole('status')).toHaveTextContent('Loading the page…');
    expect(screen.getByRole('banner')).toHaveTextContent('Signed in as sam (support)');
    expect(await screen.findByRole('heading', { level: 1, name: 'Projects' })).toBeInTheDocument();
    expect(screen.queryByText('Loading the page…')).not.toBeInTheDocument();
  });

  it('says who is signed in, and signing out returns to the sign-in page and forgets what was read', async () => {
    const onSignOut = vi.fn();
    renderApp(onSignOut);
    expect(screen.getByRole('banner')).toHaveTextContent('Signed in as sam (support)');
    expect(await screen.findByRole('heading', { level: 1, name: 'Projects' })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in to Slipway' })).toBeInTheDocument();
    expect(onSignOut).toHaveBeenCalledOnce();
  });

  it('moves the focus to the content with the skip link, without leaving the page', async () => {
    renderApp(() => {});
    await screen.findByRole('heading', { level: 1, name: 'Projects' });
    const user = userEvent.setup();
    await user.tab();
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(document.getElementById('content')).toHaveFocus();
    expect(window.location.hash).toBe('');
    expect(screen.getByRole('heading', { level: 1, name: 'Projects' })).toBeInTheDocument();
  });
});

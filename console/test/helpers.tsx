import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { vi } from 'vitest';
import { createApi } from '../src/api/client';
import { ApiProvider } from '../src/api/context';
import { SessionProvider } from '../src/session';

export const json = (status: number, body: unknown, contentType = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });

export const problem = (status: number, title: string, detail: string, extra: object = {}) =>
  json(status, { type: 'urn:slipway:problem:x', title, status, detail, ...extra }, 'application/problem+json');

export type Handler = (request: Request) => Response | Promise<Response>;

/** A fetch that answers by "METHOD /path" (query ignored) and records every request. */
export function fakeFetch(routes: Record<string, Handler>) {
  const requests: Request[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://console.test'), init);
    requests.push(request);
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const handler = routes[key];
    if (!handler) return json(404, { title: 'Not Found', status: 404, detail: `no fake for ${key}` });
    return handler(request);
  });
  return { fetch: fn as unknown as typeof fetch, requests };
}

export function renderWithApi(ui: ReactElement, fetcher: typeof fetch, token = 'test-token') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const api = createApi({ baseUrl: 'http://console.test', token: () => token, fetch: fetcher });
  return render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider initialToken={token}>
        <ApiProvider api={api}>{ui}</ApiProvider>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

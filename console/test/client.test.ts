import { describe, expect, it, vi } from 'vitest';
import { ApiProblem, createApi, unwrap } from '../src/api/client';
import { fakeFetch, json, problem } from './helpers';

describe('the API client', () => {
  it('sends the current bearer token on every request', async () => {
    let token = 'first';
    const fake = fakeFetch({
      'GET /api/v1/projects': () => json(200, { items: [], next: null }),
      'GET /api/v1/tickets': () => json(200, { items: [], next: null }),
    });
    const api = createApi({ baseUrl: 'http://console.test', token: () => token, fetch: fake.fetch });
    await unwrap(api.environments.GET('/api/v1/projects'));
    token = 'second';
    await unwrap(api.tickets.GET('/api/v1/tickets'));
    expect(fake.requests.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer first', 'Bearer second']);
    expect(new URL(fake.requests[1].url).pathname).toBe('/api/v1/tickets');
  });

  it('sends no Authorization header when signed out', async () => {
    const fake = fakeFetch({ 'GET /api/v1/projects': () => json(200, { items: [] }) });
    const api = createApi({ baseUrl: 'http://console.test', token: () => undefined, fetch: fake.fetch });
    await unwrap(api.environments.GET('/api/v1/projects'));
    expect(fake.requests[0].headers.has('Authorization')).toBe(false);
  });

  it('fills path parameters and the query, and posts JSON bodies', async () => {
    const fake = fakeFetch({
      'POST /api/v1/projects/shop/environments/master/branch': () => json(202, { id: 'a1', state: 'PENDING' }),
    });
    const api = createApi({ baseUrl: 'http://console.test', token: () => 't', fetch: fake.fetch });
    const activity = await unwrap(api.environments.POST('/api/v1/projects/{projectId}/environments/{environmentId}/branch', {
      params: { path: { projectId: 'shop', environmentId: 'master' } },
      body: { name: 'feature/x' },
    }));
    expect(activity).toEqual({ id: 'a1', state: 'PENDING' });
    expect(await fake.requests[0].json()).toEqual({ name: 'feature/x' });
    expect(fake.requests[0].headers.get('Content-Type')).toContain('application/json');
  });

  it('turns a problem+json answer into an ApiProblem with its title, detail and violations', async () => {
    const fake = fakeFetch({
      'POST /api/v1/projects': () => problem(400, 'Invalid request', 'id: must be 3-32 lowercase letters (ENV-1)',
        { violations: [{ field: 'id', message: 'must be 3-32 lowercase letters' }] }),
    });
    const api = createApi({ baseUrl: 'http://console.test', token: () => 't', fetch: fake.fetch });
    const error = await unwrap(api.environments.POST('/api/v1/projects', { body: { id: 'X' } })).catch((e) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error.status).toBe(400);
    expect(error.title).toBe('Invalid request');
    expect(error.detail).toBe('id: must be 3-32 lowercase letters (ENV-1)');
    expect(error.violations).toEqual([{ field: 'id', message: 'must be 3-32 lowercase letters' }]);
  });

  it('still reports the status when the error body is not a problem', async () => {
    const fake = fakeFetch({ 'GET /api/v1/projects': () => new Response('<html>Bad gateway</html>', { status: 502 }) });
    const api = createApi({ baseUrl: 'http://console.test', token: () => 't', fetch: fake.fetch });
    const error = await unwrap(api.environments.GET('/api/v1/projects')).catch((e) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error.status).toBe(502);
    expect(error.title).toBe('HTTP 502');
  });

  it('calls onUnauthorized on a 401', async () => {
    const onUnauthorized = vi.fn();
    const fake = fakeFetch({ 'GET /api/v1/projects': () => problem(401, 'Unauthorized', 'No valid bearer token') });
    const api = createApi({ baseUrl: 'http://console.test', token: () => 'expired', fetch: fake.fetch, onUnauthorized });
    await expect(unwrap(api.environments.GET('/api/v1/projects'))).rejects.toThrow('Unauthorized: No valid bearer token');
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });
});

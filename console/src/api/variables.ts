// Project and environment variables (VAR-1..4): the two levels share one shape, so the pages call
// these rather than choosing between two paths at every call. Writes carry If-Match with the ETag
// of the version the user saw (API-5): a change made meanwhile answers 412 rather than being lost.
import type { Api, Schemas } from './client';
import { ApiProblem, unwrap } from './client';
import { allItems } from './pages';

export type Variable = Schemas['Variable'];
export type EffectiveVariable = Schemas['EffectiveVariable'];
export type CreateVariable = Schemas['CreateVariable'];
export type UpdateVariable = Schemas['UpdateVariable'];

/** Where a variable lives: the project, or one environment. */
export interface Level {
  projectId: string;
  environmentId?: string;
}

export interface VersionedVariable {
  variable: Variable;
  etag: string;
}

/** ENV-5: the problem type of a write that Staging and Production take only through a ticket. */
export const isTicketRequired = (error: unknown): error is ApiProblem =>
  error instanceof ApiProblem && error.status === 403 && (error.type ?? '').endsWith(':ticket-required');

async function withETag<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<{ data: T; etag: string }> {
  const { response } = await call;
  const data = await unwrap(call);
  return { data, etag: response.headers.get('ETag') ?? '' };
}

export async function listVariables(api: Api, { projectId, environmentId }: Level): Promise<Variable[]> {
  const page = environmentId === undefined
    ? await unwrap(api.environments.GET('/api/v1/projects/{projectId}/variables', { params: { path: { projectId } } }))
    : await unwrap(api.environments.GET('/api/v1/projects/{projectId}/environments/{environmentId}/variables',
      { params: { path: { projectId, environmentId } } }));
  return page.items ?? [];
}

/** VAR-3's whole view, every page of it (API-4) followed. */
export function effectiveVariables(api: Api, projectId: string, environmentId: string): Promise<EffectiveVariable[]> {
  return allItems((cursor) => unwrap(api.environments.GET('/api/v1/projects/{projectId}/environments/{environmentId}/effective-variables',
    { params: { path: { projectId, environmentId }, query: { limit: '200', ...(cursor ? { cursor } : {}) } } })));
}

export async function getVariable(api: Api, { projectId, environmentId }: Level, name: string): Promise<VersionedVariable> {
  const { data, etag } = environmentId === undefined
    ? await withETag(api.environments.GET('/api/v1/projects/{projectId}/variables/{name}', { params: { path: { projectId, name } } }))
    : await withETag(api.environments.GET('/api/v1/projects/{projectId}/environments/{environmentId}/variables/{name}',
      { params: { path: { projectId, environmentId, name } } }));
  return { variable: data, etag };
}

export function createVariable(api: Api, { projectId, environmentId }: Level, body: CreateVariable, idempotencyKey: string): Promise<Variable> {
  const header = { 'Idempotency-Key': idempotencyKey };
  return environmentId === undefined
    ? unwrap(api.environments.POST('/api/v1/projects/{projectId}/variables', { params: { path: { projectId }, header }, body }))
    : unwrap(api.environments.POST('/api/v1/projects/{projectId}/environments/{environmentId}/variables',
      { params: { path: { projectId, environmentId }, header }, body }));
}

export function updateVariable(api: Api, { projectId, environmentId }: Level, name: string, body: UpdateVariable, etag: string): Promise<Variable> {
  const header = { 'If-Match': etag };
  return environmentId === undefined
    ? unwrap(api.environments.PATCH('/api/v1/projects/{projectId}/variables/{name}', { params: { path: { projectId, name }, header }, body }))
    : unwrap(api.environments.PATCH('/api/v1/projects/{projectId}/environments/{environmentId}/variables/{name}',
      { params: { path: { projectId, environmentId, name }, header }, body }));
}

export async function deleteVariable(api: Api, { projectId, environmentId }: Level, name: string, etag: string): Promise<void> {
  const header = { 'If-Match': etag };
  await (environmentId === undefined
    ? unwrap(api.environments.DELETE('/api/v1/projects/{projectId}/variables/{name}', { params: { path: { projectId, name }, header } }))
    : unwrap(api.environments.DELETE('/api/v1/projects/{projectId}/environments/{environmentId}/variables/{name}',
      { params: { path: { projectId, environmentId, name }, header } })));
}

// The console's one way to call the services: openapi-fetch clients typed by the generated
// documents (scripts/generate-api.mjs), all on the one origin (API-8), which routes /api/v1 by path.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as EnvironmentPaths, components as EnvironmentComponents } from '../generated/environment-service';
import type { paths as DeploymentPaths } from '../generated/deployment-service';
import type { paths as TicketPaths } from '../generated/ticket-service';
import type { paths as GatewayPaths } from '../generated/ssh-gateway';

export type Schemas = EnvironmentComponents['schemas'];
export type Problem = Schemas['Problem'];
export type Project = Schemas['Project'];
export type ProjectSummary = Schemas['ProjectSummary'];
export type Environment = Schemas['Environment'];
export type Activity = Schemas['Activity'];

/** An answer that was not 2xx, carrying the RFC 9457 problem (API-2) as the API gave it. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly type?: string;
  /** The SPEC rule the refusal enforces (ENV-3, SEC-2, ...), when the service named one. */
  readonly rule?: string;
  readonly violations: { field?: string; message?: string }[];

  constructor(status: number, problem: Partial<Problem> | undefined) {
    const title = problem?.title ?? `HTTP ${status}`;
    super(problem?.detail ? `${title}: ${problem.detail}` : title);
    this.name = 'ApiProblem';
    this.status = status;
    this.title = title;
    this.detail = problem?.detail;
    this.type = problem?.type;
    this.rule = problem?.rule;
    this.violations = problem?.violations ?? [];
  }
}

export interface ApiOptions {
  /** The one origin; empty: the page's own. */
  baseUrl?: string;
  /** The bearer token to send, read at each request so that signing in or out takes effect at once. */
  token: () => string | undefined;
  /** Called on 401, e.g. to sign out. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

export function createApi(options: ApiOptions) {
  const auth: Middleware = {
    onRequest({ request }) {
      const token = options.token();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthorized?.();
      return response;
    },
  };
  const config = {
    baseUrl: options.baseUrl ?? '',
    // Late-bound, so that a test's stubbed global fetch is the one used.
    fetch: (request: Request) => (options.fetch ?? globalThis.fetch)(request),
  };
  const environments = createClient<EnvironmentPaths>(config);
  const deployments = createClient<DeploymentPaths>(config);
  const tickets = createClient<TicketPaths>(config);
  const gateway = createClient<GatewayPaths>(config);
  for (const client of [environments, deployments, tickets, gateway]) client.use(auth);
  return { environments, deployments, tickets, gateway };
}

export type Api = ReturnType<typeof createApi>;

/**
 * The data of an openapi-fetch answer, or an ApiProblem with the problem's title and detail. A body
 * that is not a problem (a proxy's HTML page, say) still gives the status.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const problem = typeof error === 'object' && error !== null ? (error as Partial<Problem>) : undefined;
  throw new ApiProblem(response.status, problem);
}

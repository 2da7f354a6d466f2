import { useId, useState } from 'react';
import { BackLinks } from '../components/BackLinks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useApi } from '../api/context';
import { unwrap } from '../api/client';
import { allItems } from '../api/pages';
import { refreshInterval } from '../api/refresh';
import type { Deployment } from '../api/eventStream';
import type { components as DeploymentComponents } from '../generated/deployment-service';
import { ProblemMessage } from '../components/ProblemMessage';
import { CliCommand } from '../components/CliCommand';
import { cliCommand, option, target } from '../cli';
import { ticketHref } from '../api/tickets';
import { deploymentHref, deploymentsHref, environmentHref } from '../router';

type DeploymentState = DeploymentComponents['schemas']['DeploymentState'];
type DeploymentTrigger = DeploymentComponents['schemas']['DeploymentTrigger'];
const STATES: DeploymentState[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
const TRIGGERS: DeploymentTrigger[] = ['PUSH', 'BRANCH', 'MERGE', 'SYNC', 'ACTIVATE', 'VARIABLES', 'REDEPLOY', 'TICKET', 'TIER_PUSH', 'ROLLBACK'];
export const DEPLOYMENTS_PAGE_SIZE = 20;

/**
 * The list as slipway-cli prints it (every kind of line is in test/cli-commands.txt, which the CLI's
 * tests parse): without -e the CLI lists the checked-out branch's environment, so "all" is --all.
 */
export function deploymentListCommand(projectId: string, environment: string, state: string, trigger: string): string {
  return cliCommand('deployment:list', target(projectId, environment || undefined), !environment && '--all',
    option('--state', state), option('--trigger', trigger));
}

const isRunning = (d: Deployment) => d.state === 'QUEUED' || d.state === 'RUNNING';
const when = (instant?: string | null) => (instant ? new Date(instant).toLocaleString() : '');

function DeploymentRow({ deployment: d }: { deployment: Deployment }) {
  const failed = d.state === 'FAILED';
  return (
    <li className={`deployment${failed ? ' failed' : ''}`}>
      <a href={deploymentHref(d.projectId!, d.id!)} className={`badge deployment-${d.state?.toLowerCase()}`}
         aria-label={`${d.state} deployment of ${d.environmentId}, ${when(d.queuedAt)}`}>{d.state}</a>
      {' '}<a href={environmentHref(d.projectId!, d.environmentId!)}>{d.environmentId}</a>
      {' '}· {d.trigger?.toLowerCase()} by {d.requestedBy ?? 'Slipway'}
      {d.commit && <> · <code>{d.commit.slice(0, 7)}</code></>}
      {d.phase && (isRunning(d) || failed) && <> · phase {d.phase}</>}
      {d.ticketId && <> · ticket <a href={ticketHref(d.ticketId)}>{d.ticketId.slice(0, 8)}</a></>}
      <time dateTime={d.queuedAt}>{when(d.queuedAt)}</time>
      {d.detail && <p className="muted">{d.detail}</p>}
    </li>
  );
}

/**
 * A project's deployments, or one environment's, newest first: filtered by environment, state and
 * trigger as the API offers, a page at a time ("More" follows `next`, API-4), refreshing every 2 s
 * while one is queued or running.
 */
export function DeploymentsPage({ projectId, environmentId }: { projectId: string; environmentId?: string }) {
  const api = useApi();
  const id = useId();
  const [environment, setEnvironment] = useState(environmentId ?? '');
  const [state, setState] = useState<DeploymentState | ''>('');
  const [trigger, setTrigger] = useState<DeploymentTrigger | ''>('');
  const environments = useQuery({
    queryKey: ['project', projectId, 'environments'],
    queryFn: () => allItems((cursor) => unwrap(api.environments.GET('/api/v1/projects/{projectId}/environments',
      { params: { path: { projectId }, query: { limit: '200', ...(cursor ? { cursor } : {}) } } }))),
  });
  const filter = { ...(environment ? { environment } : {}), ...(state ? { state } : {}), ...(trigger ? { trigger } : {}) };
  const deployments = useInfiniteQuery({
    queryKey: ['project', projectId, 'deployments', filter],
    queryFn: ({ pageParam }) => unwrap(api.deployments.GET('/api/v1/projects/{projectId}/deployments', {
      params: { path: { projectId }, query: { ...filter, limit: String(DEPLOYMENTS_PAGE_SIZE), ...(pageParam ? { cursor: pageParam } : {}) } },
    })),
    initialPageParam: '',
    getNextPageParam: (page) => page.next ?? undefined,
    refetchInterval: (query) => refreshInterval((query.state.data?.pages ?? []).some((p) => (p.items ?? []).some(isRunning))),
  });
  const items = deployments.data?.pages.flatMap((p) => p.items ?? []) ?? [];

  return (
    <main>
      <BackLinks projectId={projectId} environmentId={environmentId} />
      <h1>Deployments{environmentId ? ` of ${environmentId}` : ''}</h1>
      {environmentId && <p><a href={deploymentsHref(projectId)}>All deployments of {projectId}</a></p>}
      <form className="filters" aria-label="Filter deployments" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-environment`}>Environment</label>
        <select id={`${id}-environment`} value={environment} onChange={(e) => setEnvironment(e.target.value)}>
          <option value="">all</option>
          {environmentId && !environments.data?.some((e) => e.id === environmentId) && <option value={environmentId}>{environmentId}</option>}
          {(environments.data ?? []).map((e) => <option key={e.id} value={e.id}>{e.id}</option>)}
        </select>
        <label htmlFor={`${id}-state`}>State</label>
        <select id={`${id}-state`} value={state} onChange={(e) => setState(e.target.value as DeploymentState | '')}>
          <option value="">all</option>
          {STATES.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
        </select>
        <label htmlFor={`${id}-trigger`}>Trigger</label>
        <select id={`${id}-trigger`} value={trigger} onChange={(e) => setTrigger(e.target.value as DeploymentTrigger | '')}>
          <option value="">all</option>
          {TRIGGERS.map((t) => <option key={t} value={t}>{t.toLowerCase()}</option>)}
        </select>
      </form>
      <CliCommand what="deployment list" command={deploymentListCommand(projectId, environment, state, trigger)} />
      {deployments.isPending && <p role="status">Loading deployments…</p>}
      <ProblemMessage error={deployments.error} />
      {deployments.data && items.length === 0 && <p>No deployments{Object.keys(filter).length ? ' match these filters' : ' yet'}.</p>}
      {items.length > 0 && (
        <ol className="deployments" aria-label="Deployments">
          {items.map((d) => <DeploymentRow key={d.id} deployment={d} />)}
        </ol>
      )}
      {deployments.hasNextPage && (
        <button type="button" onClick={() => deployments.fetchNextPage()} disabled={deployments.isFetchingNextPage}>
          {deployments.isFetchingNextPage ? 'Loading…' : 'More'}
        </button>
      )}
    </main>
  );
}

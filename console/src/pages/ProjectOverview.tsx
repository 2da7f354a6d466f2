import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/context';
import { unwrap } from '../api/client';
import { allItems } from '../api/pages';
import { activityIsRunning, environmentIsBusy, refreshInterval } from '../api/refresh';
import { ActivityStream } from '../components/ActivityStream';
import { EnvironmentTree } from '../components/EnvironmentTree';
import { ProblemMessage } from '../components/ProblemMessage';
import { deploymentsHref, membersHref, projectAccessHref, ticketsHref, variablesHref } from '../router';

/** A project: its environment tree and its activity stream, each refreshing itself (2 s while busy). */
export function ProjectOverview({ projectId }: { projectId: string }) {
  const api = useApi();
  const path = { projectId };
  const project = useQuery({
    queryKey: ['project', projectId],
    queryFn: () => unwrap(api.environments.GET('/api/v1/projects/{projectId}', { params: { path } })),
  });
  const environments = useQuery({
    queryKey: ['project', projectId, 'environments'],
    // The tree needs every environment, so every page (limit 200, the APIs' largest).
    queryFn: () => allItems((cursor) => unwrap(api.environments.GET('/api/v1/projects/{projectId}/environments',
      { params: { path, query: { limit: '200', ...(cursor ? { cursor } : {}) } } }))),
    refetchInterval: (query) => refreshInterval((query.state.data ?? []).some(environmentIsBusy)),
  });
  const activities = useQuery({
    queryKey: ['project', projectId, 'activities'],
    queryFn: () => unwrap(api.environments.GET('/api/v1/projects/{projectId}/activities',
      { params: { path, query: { limit: '20' } } })),
    refetchInterval: (query) => refreshInterval((query.state.data?.items ?? []).some(activityIsRunning)),
  });

  return (
    <main>
      <p><a href="#/projects">← Projects</a></p>
      <h1>{project.data?.title || projectId}</h1>
      <nav aria-label="Project" className="project-nav">
        <a href={membersHref(projectId)}>Members</a>
        <a href={projectAccessHref(projectId)}>SSH access</a>
        <a href={ticketsHref({ project: projectId })}>Tickets of {projectId}</a>
      </nav>
      <ProblemMessage error={project.error} />
      <nav aria-label="Project pages" className="subnav">
        <a href={deploymentsHref(projectId)}>Deployments</a>
        <a href={variablesHref(projectId)}>Variables</a>
      </nav>
      <section aria-labelledby="environments-heading">
        <h2 id="environments-heading">Environments</h2>
        {environments.isPending && <p role="status">Loading environments…</p>}
        <ProblemMessage error={environments.error} />
        {environments.data && <EnvironmentTree environments={environments.data} />}
      </section>
      {/* Below the tree once the tree is there, so that it never pushes a shown stream down (layout shift). */}
      {!environments.isPending && (
        <section aria-labelledby="activity-heading">
          <h2 id="activity-heading">Activity</h2>
          {activities.isPending && <p role="status">Loading activity…</p>}
          <ProblemMessage error={activities.error} />
          {activities.data && <ActivityStream activities={activities.data.items ?? []} />}
        </section>
      )}
    </main>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/context';
import { unwrap } from '../api/client';
import { followDeploymentLog, type Deployment, type DeploymentLogLine } from '../api/eventStream';
import { refreshInterval } from '../api/refresh';
import { ProblemMessage } from '../components/ProblemMessage';
import { deploymentHref, projectHref } from '../router';

const isRunning = (deployment?: Deployment) => deployment?.state === 'QUEUED' || deployment?.state === 'RUNNING';

/** Where a failed deployment failed, first: phase, node and exit code (DEP-8), then the service's detail. */
function Failure({ deployment }: { deployment: Deployment }) {
  if (deployment.state !== 'FAILED') return null;
  const where = [deployment.phase && `in phase ${deployment.phase}`,
    deployment.failedNode != null && `on node ${deployment.failedNode}`,
    deployment.exitCode != null && `with exit code ${deployment.exitCode}`].filter(Boolean).join(' ');
  return (
    <div role="alert" className="problem">
      <strong>Failed{where ? ` ${where}` : ''}</strong>
      {deployment.detail && <p>{deployment.detail}</p>}
    </div>
  );
}

/** One deployment: its state on top, and its log, live while it runs (server-sent events read with fetch). */
export function DeploymentLogPage({ projectId, deploymentId, line }: { projectId: string; deploymentId: string; line?: number }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const key = ['project', projectId, 'deployment', deploymentId];
  const deployment = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.deployments.GET('/api/v1/projects/{projectId}/deployments/{deploymentId}',
      { params: { path: { projectId, deploymentId } } })),
    refetchInterval: (query) => refreshInterval(isRunning(query.state.data)),
  });
  const [lines, setLines] = useState<DeploymentLogLine[]>([]);
  const [following, setFollowing] = useState(true);
  const [streamError, setStreamError] = useState<unknown>();

  useEffect(() => {
    const abort = new AbortController();
    setLines([]);
    setFollowing(true);
    setStreamError(undefined);
    (async () => {
      try {
        for await (const event of followDeploymentLog(api, projectId, deploymentId, { signal: abort.signal })) {
          if (event.kind === 'line') setLines((all) => [...all, event.line]);
          else queryClient.setQueryData(key, event.deployment);
        }
      } catch (error) {
        if (!abort.signal.aborted) setStreamError(error);
      } finally {
        if (!abort.signal.aborted) setFollowing(false);
      }
    })();
    return () => abort.abort();
  }, [api, queryClient, projectId, deploymentId]);

  const marked = useRef<HTMLLIElement>(null);
  const markedShown = line !== undefined && lines.some((l) => l.seq === line);
  useEffect(() => { if (markedShown) marked.current?.scrollIntoView?.({ block: 'center' }); }, [markedShown]);

  const d = deployment.data;
  return (
    <main>
      <p><a href={projectHref(projectId)}>← {projectId}</a></p>
      <h1>Deployment of {d?.environmentId ?? '…'}</h1>
      <ProblemMessage error={deployment.error} />
      {d && (
        <>
          <p>
            <span className={`badge deployment-${d.state?.toLowerCase()}`}>{d.state}</span>
            {' '}{d.trigger?.toLowerCase()} by {d.requestedBy ?? 'Slipway'}
            {d.commit && <> · commit <code>{d.commit.slice(0, 7)}</code></>}
            {d.phase && isRunning(d) && <> · phase {d.phase}</>}
          </p>
          <Failure deployment={d} />
        </>
      )}
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Log</h2>
        <p role="status">{following ? 'Following the log live…' : `${lines.length} lines`}</p>
        <ProblemMessage error={streamError} />
        <ol className="log" aria-label="Deployment log">
          {lines.map((l, i) => {
            const phaseChanged = l.phase && l.phase !== lines[i - 1]?.phase;
            return (
              <li key={l.seq ?? i} id={`line-${l.seq}`} ref={l.seq === line ? marked : undefined}
                  aria-current={l.seq === line ? 'true' : undefined} className={`log-line stream-${l.stream}`}>
                {phaseChanged && <span className="log-phase">{l.phase}</span>}
                <a href={deploymentHref(projectId, deploymentId, l.seq)} aria-label={`Line ${l.seq}`}>{l.seq}</a>
                {l.node != null && <span className="log-node">node {l.node}</span>}
                <code>{l.text}</code>
              </li>
            );
          })}
        </ol>
      </section>
    </main>
  );
}

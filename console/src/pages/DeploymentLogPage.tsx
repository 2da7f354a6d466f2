import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/context';
import { ApiProblem, unwrap } from '../api/client';
import { followDeploymentLog, type Deployment, type DeploymentLogLine } from '../api/eventStream';
import { refreshInterval } from '../api/refresh';
import { ProblemMessage } from '../components/ProblemMessage';
import { deploymentHref, deploymentsHref, environmentHref, projectHref } from '../router';

/** After a dropped stream: wait 1 s, then twice as long each time up to 10 s; give up after 8 drops in a row. */
export const RECONNECT_DELAY_MS = 1000;
const MAX_RECONNECT_DELAY_MS = 10_000;
const MAX_RECONNECTS = 8;

const pause = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
});

const isRunning = (deployment?: Deployment) => deployment?.state === 'QUEUED' || deployment?.state === 'RUNNING';

/** The line to read first in a failed deployment: the last error line of the failed phase and node, else its last line. */
export function failingLine(deployment: Deployment, lines: DeploymentLogLine[]): DeploymentLogLine | undefined {
  const there = lines.filter((l) => l.phase === deployment.phase && (deployment.failedNode == null || l.node === deployment.failedNode));
  return there.filter((l) => l.stream === 'err').at(-1) ?? there.at(-1);
}

/** Where a failed deployment failed, first: phase, node and exit code (DEP-8), then the service's detail. */
function Failure({ deployment, lines }: { deployment: Deployment; lines: DeploymentLogLine[] }) {
  if (deployment.state !== 'FAILED') return null;
  const line = failingLine(deployment, lines);
  const where = [deployment.phase && `in phase ${deployment.phase}`,
    deployment.failedNode != null && `on node ${deployment.failedNode}`,
    deployment.exitCode != null && `with exit code ${deployment.exitCode}`].filter(Boolean).join(' ');
  return (
    <div role="alert" className="problem">
      <strong>Failed{where ? ` ${where}` : ''}</strong>
      {deployment.detail && <p>{deployment.detail}</p>}
      {line && <p><a href={deploymentHref(deployment.projectId!, deployment.id!, line.seq)}>Go to line {line.seq}</a>: <code>{line.text}</code></p>}
    </div>
  );
}

/** One deployment: its state on top, and its log, live while it runs (server-sent events read with fetch). */
export function DeploymentLogPage({ projectId, deploymentId, line, reconnectDelayMs = RECONNECT_DELAY_MS }:
  { projectId: string; deploymentId: string; line?: number; reconnectDelayMs?: number }) {
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
  const [reconnects, setReconnects] = useState(0);
  const [streamError, setStreamError] = useState<unknown>();

  useEffect(() => {
    const abort = new AbortController();
    setLines([]);
    setFollowing(true);
    setReconnects(0);
    setStreamError(undefined);
    (async () => {
      // The id of the last line received, sent back as Last-Event-ID when the stream drops before
      // its `end`, so the service goes on after it (DEP-8): no line lost; and a line whose seq was
      // shown already is skipped, so none is shown twice.
      let lastEventId: string | undefined;
      let lastSeq = -1;
      let drops = 0;
      let lastError: unknown;
      while (!abort.signal.aborted) {
        let ended = false;
        try {
          for await (const event of followDeploymentLog(api, projectId, deploymentId, { signal: abort.signal, lastEventId })) {
            if (event.kind === 'end') {
              queryClient.setQueryData(key, event.deployment);
              ended = true;
              continue;
            }
            drops = 0;
            setReconnects(0);
            const seq = event.line.seq ?? lastSeq + 1;
            lastEventId = event.id ?? String(seq);
            if (seq <= lastSeq) continue;
            lastSeq = seq;
            setLines((all) => [...all, event.line]);
          }
        } catch (error) {
          if (abort.signal.aborted) return;
          // A refusal (no such deployment, no access) will not change by asking again.
          if (error instanceof ApiProblem && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
            setStreamError(error);
            break;
          }
          lastError = error;
        }
        if (ended || abort.signal.aborted) break;
        drops++;
        if (drops > MAX_RECONNECTS) {
          setStreamError(lastError ?? new Error(`The log stream dropped ${drops} times in a row; the lines received are shown. Reload to try again.`));
          break;
        }
        setReconnects(drops);
        await pause(Math.min(reconnectDelayMs * 2 ** (drops - 1), MAX_RECONNECT_DELAY_MS), abort.signal);
      }
      if (!abort.signal.aborted) setFollowing(false);
    })();
    return () => abort.abort();
  }, [api, queryClient, projectId, deploymentId, reconnectDelayMs]); // eslint-disable-line react-hooks/exhaustive-deps

  const marked = useRef<HTMLLIElement>(null);
  const markedShown = line !== undefined && lines.some((l) => l.seq === line);
  useEffect(() => { if (markedShown) marked.current?.scrollIntoView?.({ block: 'center' }); }, [markedShown]);

  const [phase, setPhase] = useState('');
  const [node, setNode] = useState('');
  const phases = [...new Set(lines.map((l) => l.phase).filter((p): p is NonNullable<typeof p> => !!p))];
  const nodes = [...new Set(lines.map((l) => l.node).filter((n): n is number => n != null))].sort((a, b) => a - b);
  const shown = lines.filter((l) => (!phase || l.phase === phase) && (!node || String(l.node) === node));

  const d = deployment.data;
  return (
    <main>
      <p>
        <a href={projectHref(projectId)}>← {projectId}</a>
        {d?.environmentId && <> · <a href={environmentHref(projectId, d.environmentId)}>{d.environmentId}</a>
          {' '}· <a href={deploymentsHref(projectId, d.environmentId)}>its deployments</a></>}
      </p>
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
          <Failure deployment={d} lines={lines} />
        </>
      )}
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Log</h2>
        <p role="status">
          {!following ? `${lines.length} lines`
            : reconnects > 0 ? `The stream dropped; reconnecting after line ${lines.at(-1)?.seq ?? 0} (attempt ${reconnects})…`
              : 'Following the log live…'}
        </p>
        <ProblemMessage error={streamError} />
        {phases.length > 0 && (
          <nav aria-label="Phases" className="phases">
            {phases.map((p) => {
              const of = lines.filter((l) => l.phase === p);
              return <a key={p} href={deploymentHref(projectId, deploymentId, of[0].seq)}
                        className={d?.state === 'FAILED' && d.phase === p ? 'failed' : undefined}>{p} ({of.length})</a>;
            })}
          </nav>
        )}
        {(phases.length > 1 || nodes.length > 1) && (
          <form className="filters" aria-label="Filter the log" onSubmit={(e) => e.preventDefault()}>
            <label htmlFor="log-phase">Phase</label>
            <select id="log-phase" value={phase} onChange={(e) => setPhase(e.target.value)}>
              <option value="">all</option>
              {phases.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
            <label htmlFor="log-node">Node</label>
            <select id="log-node" value={node} onChange={(e) => setNode(e.target.value)}>
              <option value="">all</option>
              {nodes.map((n) => <option key={n} value={String(n)}>node {n}</option>)}
            </select>
          </form>
        )}
        <ol className="log" aria-label="Deployment log">
          {shown.map((l, i) => {
            const phaseChanged = l.phase && l.phase !== shown[i - 1]?.phase;
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

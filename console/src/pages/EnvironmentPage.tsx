import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/context';
import { unwrap, type Activity, type Environment } from '../api/client';
import { useProjectAccess } from '../api/access';
import { actionState } from '../api/actions';
import { newIdempotencyKey } from '../api/idempotency';
import { activityIsRunning, environmentIsBusy, refreshInterval } from '../api/refresh';
import { isSelfService, OPERATION_LABEL, operationCommand, type Operation, type OperationInput } from '../api/operations';
import { ActivityProgress } from '../components/ActivityProgress';
import { ActivityStream } from '../components/ActivityStream';
import { CliCommand } from '../components/CliCommand';
import { ProblemMessage } from '../components/ProblemMessage';
import { TicketRequests } from '../components/TicketRequests';
import { deploymentHref, deploymentsHref, environmentHref, projectHref, variablesHref } from '../router';

const short = (commit?: string | null) => (commit ? commit.slice(0, 7) : '—');

/** What the environment is: status, type, parent, commits, latest deployment, URLs, nodes (ENV-6, ENV-7, ENV-8). */
function Facts({ environment: e }: { environment: Environment }) {
  const deployment = e.latestDeployment;
  return (
    <dl className="facts">
      <dt>Status</dt><dd><span className={`badge status-${e.status?.toLowerCase()}`}>{e.status}</span></dd>
      <dt>Type</dt><dd>{e.type}</dd>
      <dt>Parent</dt><dd>{e.parent ? <a href={environmentHref(e.projectId!, e.parent)}>{e.parent}</a> : 'none'}</dd>
      <dt>Branch</dt><dd><code>{e.branch}</code></dd>
      <dt>Head commit</dt><dd><code>{short(e.headCommit)}</code></dd>
      <dt>Deployed commit</dt><dd><code>{short(e.deployedCommit)}</code></dd>
      <dt>Latest deployment</dt>
      <dd>{deployment
        ? <a href={deploymentHref(e.projectId!, deployment.id!)} className={`badge deployment-${deployment.state?.toLowerCase()}`}>{deployment.state}</a>
        : 'none yet'}</dd>
      {e.urls?.store && <><dt>Store</dt><dd><a href={e.urls.store} target="_blank" rel="noreferrer">{e.urls.store}</a></dd></>}
      {e.urls?.admin && <><dt>Admin</dt><dd><a href={e.urls.admin} target="_blank" rel="noreferrer">{e.urls.admin}</a></dd></>}
      {e.urls?.git && <><dt>Git</dt><dd><code>{e.urls.git}</code></dd></>}
      {e.urls?.ssh && <><dt>SSH</dt><dd><code>{e.urls.ssh}</code></dd></>}
      {(e.liveDomains?.length ?? 0) > 0 && <><dt>Live domains</dt><dd>{e.liveDomains!.join(', ')}</dd></>}
      {e.hardware && <><dt>Hardware</dt><dd>{e.hardware.kind}, {e.hardware.nodes} node{e.hardware.nodes === 1 ? '' : 's'}</dd></>}
      {(e.nodes ?? []).map((n) => (
        <NodeFact key={n.node} node={n.node!} release={n.release} commit={n.commit} health={n.health} />
      ))}
    </dl>
  );
}

function NodeFact({ node, release, commit, health }: { node: number; release?: string | null; commit?: string | null; health?: string }) {
  return (
    <><dt>Node {node}</dt><dd>{health?.toLowerCase()}{release ? <>, release <code>{release}</code></> : ''}{commit ? <>, commit <code>{short(commit)}</code></> : ''}</dd></>
  );
}

interface OperationProps {
  operation: Operation;
  environment: Environment;
  explanation: ReactNode;
  input?: OperationInput;
  /** Why the form itself cannot be sent yet (e.g. the delete confirmation), beside the environment's own preconditions. */
  incomplete?: string;
  run: () => Promise<Activity>;
  onStarted: (activity: Activity) => void;
  /** After the service refused: the environment is read again, for its new actions. */
  onRefused: () => void;
  children?: ReactNode;
}

/**
 * One ENV-4 operation: its button, enabled exactly when the environment's `actions` allow it, else
 * disabled with the refusal beside it; the fields it needs; the CLI command that does the same; the
 * service's problem when it answers otherwise at the click (a race), as it comes.
 */
function OperationForm({ operation, environment, explanation, input, incomplete, run, onStarted, onRefused, children }: OperationProps) {
  const id = useId();
  const label = OPERATION_LABEL[operation];
  const allowed = actionState(environment.actions, operation);
  const mutation = useMutation({ mutationFn: run, onSuccess: onStarted, onError: onRefused });
  const reason = allowed.reason ?? incomplete;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason) mutation.mutate();
  };
  return (
    <form onSubmit={onSubmit} aria-labelledby={`${id}-heading`} className={`operation${allowed.allowed ? '' : ' unavailable'}`}>
      <h3 id={`${id}-heading`}>{label}</h3>
      <p className="help">{explanation}</p>
      {allowed.allowed && children}
      <div className="operation-action">
        <button type="submit" disabled={!!reason || mutation.isPending} aria-describedby={reason ? `${id}-reason` : undefined}>
          {label}
        </button>
        {reason && <p id={`${id}-reason`} className="reason">{reason}</p>}
      </div>
      <ProblemMessage error={mutation.error} />
      <CliCommand command={operationCommand(environment.projectId!, environment.id!, operation, input)} what={operation} />
    </form>
  );
}

function IntegrationOperations({ environment, onStarted, onRefused }:
  { environment: Environment; onStarted: (activity: Activity) => void; onRefused: () => void }) {
  const api = useApi();
  const id = useId();
  const path = { projectId: environment.projectId!, environmentId: environment.id! };
  const [branchName, setBranchName] = useState('');
  const [title, setTitle] = useState('');
  const [branchKey, setBranchKey] = useState(() => newIdempotencyKey());
  const [code, setCode] = useState(true);
  const [data, setData] = useState(false);
  const [confirm, setConfirm] = useState('');
  const [keepBranch, setKeepBranch] = useState(false);
  const common = { environment, onRefused };
  const started = (reset?: () => void) => (activity: Activity) => { reset?.(); onStarted(activity); };

  return (
    <div className="operations">
      <OperationForm {...common} operation="branch" input={{ branchName, title }}
        incomplete={branchName.trim() ? undefined : 'Name the new branch.'}
        explanation={<>A child of <code>{environment.id}</code> from its head commit and a copy of its data (ENV-4).</>}
        run={() => unwrap(api.environments.POST('/api/v1/projects/{projectId}/environments/{environmentId}/branch', {
          params: { path, header: { 'Idempotency-Key': branchKey } },
          body: { name: branchName.trim(), ...(title.trim() ? { title: title.trim() } : {}) },
        }))}
        onStarted={started(() => { setBranchName(''); setTitle(''); setBranchKey(newIdempotencyKey()); })}>
        <label htmlFor={`${id}-branch`}>Branch name</label>
        <input id={`${id}-branch`} value={branchName} autoComplete="off" aria-describedby={`${id}-branch-help`}
               onChange={(e) => { setBranchName(e.target.value); setBranchKey(newIdempotencyKey()); }} />
        <p id={`${id}-branch-help`} className="help">A git branch name; the environment id is its slug (ENV-2).</p>
        <label htmlFor={`${id}-title`}>Title</label>
        <input id={`${id}-title`} value={title} maxLength={200}
               onChange={(e) => { setTitle(e.target.value); setBranchKey(newIdempotencyKey()); }} />
      </OperationForm>
      <OperationForm {...common} operation="merge"
        explanation={<>Merges <code>{environment.branch}</code> into {environment.parent ? <code>{environment.parent}</code> : 'its parent'}, which
          redeploys; a conflict fails the activity. Variables are not merged.</>}
        run={() => unwrap(api.environments.POST('/api/v1/projects/{projectId}/environments/{environmentId}/merge', { params: { path } }))}
        onStarted={started()} />
      <OperationForm {...common} operation="sync" input={{ code, data }}
        incomplete={code || data ? undefined : 'Nothing to synchronize: you must specify data or code'}
        explanation={<>Code merges the parent's branch into this one; data copies the parent's data; then it redeploys.</>}
        run={() => unwrap(api.environments.POST('/api/v1/projects/{projectId}/environments/{environmentId}/sync', {
          params: { path }, body: { code, data },
        }))}
        onStarted={started()}>
        <label className="check"><input type="checkbox" checked={code} onChange={(e) => setCode(e.target.checked)} /> Code</label>
        <label className="check"><input type="checkbox" checked={data} onChange={(e) => setData(e.target.checked)} /> Data</label>
      </OperationForm>
      <OperationForm {...common} operation="activate"
        explanation="Copies the parent's data and deploys the head; counts against the project's active environment limit (ENV-3)."
        run={() => unwrap(api.environments.POST('/api/v1/projects/{projectId}/environments/{environmentId}/activate', { params: { path } }))}
        onStarted={started()} />
      <OperationForm {...common} operation="deactivate"
        explanation="The environment stops serving and its data is dropped."
        run={() => unwrap(api.environments.POST('/api/v1/projects/{projectId}/environments/{environmentId}/deactivate', { params: { path } }))}
        onStarted={started()} />
      <OperationForm {...common} operation="redeploy"
        explanation="Deploys the current head with the current variables."
        run={() => unwrap(api.environments.POST('/api/v1/projects/{projectId}/environments/{environmentId}/redeploy', { params: { path } }))}
        onStarted={started()} />
      <OperationForm {...common} operation="delete" input={{ keepBranch }}
        incomplete={confirm === environment.id ? undefined : `Type ${environment.id} to confirm.`}
        explanation={<>Removes the environment, and its git branch unless kept. Its children move up to its parent.</>}
        run={() => unwrap(api.environments.DELETE('/api/v1/projects/{projectId}/environments/{environmentId}', {
          params: { path, query: keepBranch ? { keepBranch: true } : {} },
        }))}
        onStarted={started(() => setConfirm(''))}>
        <label className="check">
          <input type="checkbox" checked={keepBranch} onChange={(e) => setKeepBranch(e.target.checked)} /> Keep the git branch
        </label>
        <label htmlFor={`${id}-confirm`}>Type {environment.id} to confirm</label>
        <input id={`${id}-confirm`} value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />
      </OperationForm>
    </div>
  );
}

/**
 * One environment: what it is, and what may be done to it. Integration environments offer the
 * ENV-4 operations; Staging and Production, the tickets that change them (ENV-5). After an
 * operation the page follows its activity and the environment every 2 s until both are done.
 */
export function EnvironmentPage({ projectId, environmentId }: { projectId: string; environmentId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const path = { projectId, environmentId };
  const [activity, setActivity] = useState<Activity>();
  const environment = useQuery({
    queryKey: ['project', projectId, 'environment', environmentId],
    queryFn: () => unwrap(api.environments.GET('/api/v1/projects/{projectId}/environments/{environmentId}', { params: { path } })),
    refetchInterval: (query) => refreshInterval(
      (query.state.data ? environmentIsBusy(query.state.data) : false) || (activity ? activityIsRunning(activity) : false)),
  });
  const activities = useQuery({
    queryKey: ['project', projectId, 'environment', environmentId, 'activities'],
    queryFn: () => unwrap(api.environments.GET('/api/v1/projects/{projectId}/environments/{environmentId}/activities',
      { params: { path, query: { limit: '10' } } })),
    refetchInterval: (query) => refreshInterval((query.state.data?.items ?? []).some(activityIsRunning)),
  });
  const reload = () => queryClient.invalidateQueries({ queryKey: ['project', projectId] });
  const onProgress = (next: Activity) => {
    setActivity(next);
    void reload();
  };

  const e = environment.data;
  // The ticket forms of Staging and Production need the caller's role (TKT-4); the operations do not.
  const access = useProjectAccess(projectId, e !== undefined && !isSelfService(e));
  return (
    <main>
      <p><a href={projectHref(projectId)}>← {projectId}</a></p>
      <h1>{e?.title || environmentId} <code className="muted">{environmentId}</code></h1>
      <ProblemMessage error={environment.error} />
      {e && (
        <>
          <nav aria-label="Environment pages" className="subnav">
            <a href={deploymentsHref(projectId, environmentId)}>Deployments</a>
            <a href={variablesHref(projectId, environmentId)}>Variables</a>
          </nav>
          <Facts environment={e} />
          <section aria-labelledby="operations-heading">
            <h2 id="operations-heading">{isSelfService(e) ? 'Operations' : 'Request via ticket'}</h2>
            {activity && <ActivityProgress key={activity.id} projectId={projectId} activity={activity} onProgress={onProgress} />}
            {activity?.type === 'environment.branch' && activity.environmentId !== environmentId && (
              <p>New environment: <a href={environmentHref(projectId, activity.environmentId!)}>{activity.environmentId}</a></p>
            )}
            {isSelfService(e)
              ? <IntegrationOperations environment={e} onStarted={onProgress} onRefused={() => void reload()} />
              : (
                <>
                  <ProblemMessage error={access.error} />
                  <p className="help">
                    {e.type === 'PRODUCTION' ? 'Production' : 'Staging'} changes only through support tickets (ENV-5): branch, merge,
                    sync, activate, deactivate and delete are not available, and it deploys from an approved DEPLOY ticket (DEP-6).
                  </p>
                  <TicketRequests environment={e} access={access.data} />
                </>
              )}
          </section>
        </>
      )}
      <section aria-labelledby="environment-activity-heading">
        <h2 id="environment-activity-heading">Activity</h2>
        <ProblemMessage error={activities.error} />
        {activities.data && <ActivityStream activities={activities.data.items ?? []} />}
      </section>
    </main>
  );
}

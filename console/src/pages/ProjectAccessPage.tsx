import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { components as GatewayComponents } from '../generated/ssh-gateway';
import { useApi } from '../api/context';
import { unwrap } from '../api/client';
import { allItems } from '../api/pages';
import { IDLE_INTERVAL_MS } from '../api/refresh';
import { ProblemMessage } from '../components/ProblemMessage';
import { newTicketHref, projectHref, ticketHref } from '../router';

type ProjectSshKey = GatewayComponents['schemas']['ProjectSshKey'];
type SshGrant = GatewayComponents['schemas']['SshGrant'];

interface Reach {
  key: ProjectSshKey;
  through?: 'role' | 'grant';
  expiresAt?: string | null;
  grant?: SshGrant;
}

/**
 * Who can reach each environment of a project over SSH (SSH-2): each member's keys and how they
 * reach it, through their role (Integration) or a grant from an ADD_SSH_KEY ticket (Staging,
 * Production). The gateway answers this to the project's admins and support only.
 */
export function ProjectAccessPage({ projectId }: { projectId: string }) {
  const api = useApi();
  const id = useId();
  const path = { projectId };
  const keys = useQuery({
    queryKey: ['project', projectId, 'ssh-keys'],
    queryFn: () => allItems((cursor) => unwrap(api.gateway.GET('/api/v1/projects/{projectId}/ssh-keys',
      { params: { path, query: { limit: '200', ...(cursor ? { cursor } : {}) } } }))),
    refetchInterval: IDLE_INTERVAL_MS,
  });
  const grants = useQuery({
    queryKey: ['project', projectId, 'ssh-grants', 'ACTIVE'],
    queryFn: () => allItems((cursor) => unwrap(api.gateway.GET('/api/v1/projects/{projectId}/ssh-grants',
      { params: { path, query: { state: 'ACTIVE', limit: '200', ...(cursor ? { cursor } : {}) } } }))),
    refetchInterval: IDLE_INTERVAL_MS,
  });
  const environments = useQuery({
    queryKey: ['project', projectId, 'environments'],
    queryFn: () => allItems((cursor) => unwrap(api.environments.GET('/api/v1/projects/{projectId}/environments',
      { params: { path, query: { limit: '200', ...(cursor ? { cursor } : {}) } } }))),
  });

  const grantById = new Map((grants.data ?? []).map((g) => [g.id, g]));
  const byEnvironment = new Map<string, Reach[]>();
  for (const environment of environments.data ?? []) byEnvironment.set(environment.id!, []);
  for (const key of keys.data ?? []) {
    for (const reach of key.reaches ?? []) {
      const list = byEnvironment.get(reach.environmentId!) ?? [];
      list.push({ key, through: reach.through, expiresAt: reach.expiresAt, grant: reach.grantId ? grantById.get(reach.grantId) : undefined });
      byEnvironment.set(reach.environmentId!, list);
    }
  }
  const tierFirst = (a: string, b: string) => rank(a) - rank(b) || a.localeCompare(b);

  return (
    <main>
      <p><a href={projectHref(projectId)}>← {projectId}</a></p>
      <h1>SSH access to {projectId}</h1>
      <p className="help">Integration environments are reached by members' own keys when their role is at least the app's
        <code> access.ssh</code> (default admin); Staging and Production only through grants that approved ADD_SSH_KEY tickets create (SSH-2).
        {' '}<a href={newTicketHref({ type: 'ADD_SSH_KEY', project: projectId })}>Request access to Staging or Production</a></p>
      {keys.isPending && <p role="status">Loading keys…</p>}
      <ProblemMessage error={keys.error} />
      <ProblemMessage error={environments.error} />
      {keys.data && [...byEnvironment.keys()].sort(tierFirst).map((environmentId) => {
        const reaches = byEnvironment.get(environmentId)!;
        return (
          <section key={environmentId} aria-labelledby={`${id}-${environmentId}`}>
            <h2 id={`${id}-${environmentId}`}>{environmentId}</h2>
            {reaches.length === 0 ? <p className="muted">No key reaches it.</p> : (
              <table className="reach">
                <caption className="visually-hidden">Keys that reach {environmentId}</caption>
                <thead><tr><th scope="col">User</th><th scope="col">Key</th><th scope="col">Fingerprint</th><th scope="col">Through</th></tr></thead>
                <tbody>
                  {reaches.map((r) => (
                    <tr key={`${r.key.keyId}-${r.grant?.id ?? r.through}`}>
                      <th scope="row">{r.key.userId} <span className="muted">({r.key.role ?? 'no role'})</span></th>
                      <td>{r.key.title} <span className="muted">{r.key.keyType}</span></td>
                      <td><code>{r.key.fingerprint}</code></td>
                      <td>
                        {r.through === 'grant' ? 'a grant' : `the ${r.key.role} role`}
                        {r.expiresAt && <> until <time dateTime={r.expiresAt}>{new Date(r.expiresAt).toLocaleString()}</time></>}
                        {r.grant?.ticketId && <> (ticket <a href={ticketHref(r.grant.ticketId)}>{r.grant.ticketId.slice(0, 8)}</a>)</>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </main>
  );
}

const rank = (environmentId: string) => (environmentId === 'production' ? 0 : environmentId === 'staging' ? 1 : environmentId === 'master' ? 2 : 3);

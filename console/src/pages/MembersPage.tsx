import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/context';
import { unwrap, type Schemas } from '../api/client';
import { allItems } from '../api/pages';
import { IDLE_INTERVAL_MS } from '../api/refresh';
import { newIdempotencyKey } from '../api/idempotency';
import { ProblemMessage } from '../components/ProblemMessage';
import { projectHref } from '../router';
import { useSession } from '../session';

type Member = Schemas['Member'];
type Role = Schemas['ProjectRole'];
const ROLES: Role[] = ['viewer', 'contributor', 'admin'];

export const lastAdminReason = (userId: string, projectId: string) =>
  `${userId} is the last admin of project ${projectId}: make another member admin first (ENV-9).`;

function MemberRow({ projectId, member, lastAdmin, notAdmin, onChanged }:
  { projectId: string; member: Member; lastAdmin: boolean; notAdmin?: string; onChanged: () => Promise<unknown> }) {
  const api = useApi();
  const id = useId();
  const userId = member.userId!;
  const [role, setRole] = useState<Role>(member.role!);
  const path = { projectId, userId };
  const change = useMutation({
    mutationFn: () => unwrap(api.environments.PATCH('/api/v1/projects/{projectId}/members/{userId}', { params: { path }, body: { role } })),
    onSettled: onChanged,
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.environments.DELETE('/api/v1/projects/{projectId}/members/{userId}', { params: { path } })),
    onSettled: onChanged,
  });
  // The select follows the server's role whenever a refresh brings a new one.
  const [serverRole, setServerRole] = useState(member.role);
  if (serverRole !== member.role) {
    setServerRole(member.role);
    setRole(member.role!);
  }
  // ENV-9: the last admin keeps the role and the project. The list shows it, so the buttons say so before a click.
  const why = notAdmin ?? (lastAdmin ? lastAdminReason(userId, projectId) : undefined);
  const busy = change.isPending || remove.isPending;
  return (
    <tr aria-label={userId}>
      <th scope="row">{userId}</th>
      <td>
        <label htmlFor={`${id}-role`} className="visually-hidden">Role of {userId}</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)} disabled={why !== undefined}
                aria-describedby={why ? `${id}-why` : undefined}>
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <button type="button" onClick={() => change.mutate()} disabled={why !== undefined || busy || role === member.role}
                aria-describedby={why ? `${id}-why` : undefined}>Change role of {userId}</button>
      </td>
      <td>
        <button type="button" onClick={() => remove.mutate()} disabled={why !== undefined || busy}
                aria-describedby={why ? `${id}-why` : undefined}>Remove {userId}</button>
        {why && <span id={`${id}-why`} className="why">{why}</span>}
        <ProblemMessage error={change.error ?? remove.error} />
      </td>
      <td>{member.updatedAt && <time dateTime={member.updatedAt}>{new Date(member.updatedAt).toLocaleString()}</time>}</td>
    </tr>
  );
}

/**
 * A project's members (ENV-9): list, invite, change role, remove. Only admins change members; the
 * last admin can be neither demoted nor removed, which the list shows before anyone clicks; a
 * refusal from the API shows its problem as it comes.
 */
export function MembersPage({ projectId }: { projectId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { claims } = useSession();
  const id = useId();
  const path = { projectId };
  const membersKey = ['project', projectId, 'members'];
  const members = useQuery({
    queryKey: membersKey,
    queryFn: () => allItems((cursor) => unwrap(api.environments.GET('/api/v1/projects/{projectId}/members',
      { params: { path, query: { limit: '200', ...(cursor ? { cursor } : {}) } } }))),
    refetchInterval: IDLE_INTERVAL_MS,
  });
  const access = useQuery({
    queryKey: ['project', projectId, 'access'],
    queryFn: () => unwrap(api.environments.GET('/api/v1/projects/{projectId}/access', { params: { path } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['project', projectId] });

  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<Role>('contributor');
  const inviteKey = useRef<{ content: string; key: string }>(undefined);
  const invite = useMutation({
    mutationFn: () => {
      const body = { userId: userId.trim(), role };
      const content = JSON.stringify(body);
      // API-6: a resubmission of the same form adds nobody twice; another form gets another key.
      if (inviteKey.current?.content !== content) inviteKey.current = { content, key: newIdempotencyKey() };
      return unwrap(api.environments.POST('/api/v1/projects/{projectId}/members',
        { params: { path, header: { 'Idempotency-Key': inviteKey.current.key } }, body }));
    },
    onSuccess: () => setUserId(''),
    onSettled: refresh,
  });

  // SEC-2: only admins change members; the API would refuse anyone else, so the controls say so first.
  const myRole = access.data?.role;
  const notAdmin = access.data && myRole !== 'admin'
    ? `Only a project admin changes members (SEC-2); ${claims?.user ?? 'you'} ${myRole ? `is ${myRole}` : 'is not a member'}.`
    : undefined;
  const admins = (members.data ?? []).filter((m) => m.role === 'admin');

  return (
    <main>
      <p><a href={projectHref(projectId)}>← {projectId}</a></p>
      <h1>Members of {projectId}</h1>
      <p className="help">Viewers read; contributors also branch, sync, redeploy, push and open tickets; admins also merge, activate,
        deactivate, delete, set variables and change members (SEC-2). A project always keeps at least one admin (ENV-9).</p>
      <section aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>Members</h2>
        {members.isPending && <p role="status">Loading members…</p>}
        <ProblemMessage error={members.error} />
        {members.data && (
          <table className="members">
            <caption className="visually-hidden">Members</caption>
            <thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">Remove</th><th scope="col">Since</th></tr></thead>
            <tbody>
              {members.data.map((m) => (
                <MemberRow key={m.userId} projectId={projectId} member={m} notAdmin={notAdmin} onChanged={refresh}
                           lastAdmin={m.role === 'admin' && admins.length === 1} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby={`${id}-invite`}>
        <h2 id={`${id}-invite`}>Invite a member</h2>
        <form aria-label="Invite a member" onSubmit={(e: FormEvent) => { e.preventDefault(); invite.mutate(); }}>
          <label htmlFor={`${id}-user`}>User id</label>
          <input id={`${id}-user`} value={userId} onChange={(e) => setUserId(e.target.value)} required maxLength={200} autoComplete="off" />
          <label htmlFor={`${id}-role`}>Role</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
          <ProblemMessage error={invite.error} />
          <button type="submit" disabled={invite.isPending || notAdmin !== undefined} aria-describedby={notAdmin ? `${id}-invite-why` : undefined}>Invite</button>
          {notAdmin && <span id={`${id}-invite-why`} className="why">{notAdmin}</span>}
        </form>
      </section>
    </main>
  );
}

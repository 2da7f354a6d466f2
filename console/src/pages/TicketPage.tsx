import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/context';
import { ApiProblem, unwrap } from '../api/client';
import { newIdempotencyKey } from '../api/idempotency';
import { actionState } from '../api/actions';
import { ticketIsRunning, ticketPageRefreshInterval, type Ticket } from '../api/tickets';
import { ProblemMessage } from '../components/ProblemMessage';
import { TicketPreview } from '../components/TicketPreview';
import { deploymentHref, projectHref, ticketsHref } from '../router';

/** The decisions, by the names of the ticket view's `actions`, in its order; comment is a form of its own. */
const DECISIONS = ['approve', 'reject', 'cancel', 'retry', 'resolve'] as const;
type Decision = (typeof DECISIONS)[number];

const LABELS: Record<Decision, string> = { approve: 'Approve', reject: 'Reject', cancel: 'Cancel ticket', retry: 'Retry', resolve: 'Resolve' };
const PATHS = {
  approve: '/api/v1/tickets/{ticketId}/approve',
  reject: '/api/v1/tickets/{ticketId}/reject',
  cancel: '/api/v1/tickets/{ticketId}/cancel',
  retry: '/api/v1/tickets/{ticketId}/retry',
  resolve: '/api/v1/tickets/{ticketId}/resolve',
} as const;

const when = (at?: string | null) => (at ? <time dateTime={at}>{new Date(at).toLocaleString()}</time> : '—');

/**
 * One ticket (`#/tickets/<id>`): what it asks, the preview of what approval will change, its
 * history, comments and trail; every decision, enabled exactly when the ticket's `actions` allow it,
 * else disabled with the refusal beside it (TKT-3, TKT-4). Every decision sends If-Match with the
 * version shown (API-5) and shows the ticket the server answered, or its problem as it comes.
 */
export function TicketPage({ ticketId }: { ticketId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const queryKey = ['ticket', ticketId];
  const ticket = useQuery({
    queryKey,
    queryFn: async () => {
      const { data, error, response } = await api.tickets.GET('/api/v1/tickets/{ticketId}', { params: { path: { ticketId } } });
      if (!response.ok) throw new ApiProblem(response.status, typeof error === 'object' && error ? error : undefined);
      return { ticket: data as Ticket, etag: response.headers.get('ETag') ?? undefined };
    },
    refetchInterval: (query) => ticketPageRefreshInterval(query.state.data?.ticket),
  });
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: async (decision: Decision) => {
      const etag = ticket.data?.etag;
      const { data, error, response } = await api.tickets.POST(PATHS[decision], {
        params: { path: { ticketId }, header: etag ? { 'If-Match': etag } : {} },
        body: reason.trim() ? { reason: reason.trim() } : {},
      });
      if (!response.ok) throw new ApiProblem(response.status, typeof error === 'object' && error ? error : undefined);
      return { ticket: data as Ticket, etag: response.headers.get('ETag') ?? undefined };
    },
    onSuccess: (answer) => {
      setReason('');
      queryClient.setQueryData(queryKey, answer);
    },
    // The server's state after a refusal too (a 409 or 412 means the ticket moved on).
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey }), queryClient.invalidateQueries({ queryKey: ['tickets'] })]),
  });
  const [comment, setComment] = useState('');
  const commentKey = useRef<{ content: string; key: string }>(undefined);
  const addComment = useMutation({
    mutationFn: (body: string) => {
      if (commentKey.current?.content !== body) commentKey.current = { content: body, key: newIdempotencyKey() };
      return unwrap(api.tickets.POST('/api/v1/tickets/{ticketId}/comments', {
        params: { path: { ticketId }, header: { 'Idempotency-Key': commentKey.current.key } }, body: { body },
      }));
    },
    onSuccess: () => setComment(''),
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });

  if (ticket.isPending) return <main><p role="status">Loading ticket…</p></main>;
  if (!ticket.data) {
    return <main><p><a href={ticketsHref()}>← Tickets</a></p><h1>Ticket</h1><ProblemMessage error={ticket.error} /></main>;
  }
  const t = ticket.data.ticket;
  const reasonMissing = !reason.trim();
  const commenting = actionState(t.actions, 'comment');

  return (
    <main>
      <p><a href={ticketsHref()}>← Tickets</a></p>
      <h1>{t.subject}</h1>
      <p>
        <span className="badge">{t.type}</span>
        <span className={`badge state-${t.state?.toLowerCase()}`} aria-label={`State: ${t.state}`}>{t.state}</span>
        <span className={`badge priority-${t.priority?.toLowerCase()}`}>{t.priority}</span>
        {ticketIsRunning(t.state) && <span className="muted"> · refreshing by itself</span>}
      </p>
      <ProblemMessage error={ticket.error} />
      <dl className="facts">
        <dt>Project</dt><dd><a href={projectHref(t.projectId!)}>{t.projectId}</a></dd>
        <dt>Environment</dt><dd>{t.environmentId}</dd>
        <dt>Requested by</dt><dd>{t.requestedBy}</dd>
        <dt>Opened</dt><dd>{when(t.createdAt)}</dd>
        <dt>First response</dt><dd>{when(t.firstResponseAt)}</dd>
        <dt>Resolved</dt><dd>{when(t.resolvedAt)}</dd>
        {(t.attempt ?? 0) > 1 && <><dt>Attempt</dt><dd>{t.attempt}</dd></>}
      </dl>
      {t.description && <p className="description">{t.description}</p>}
      {t.result && (
        <p role="status" className={t.state === 'FAILED' ? 'problem' : 'result'}>
          <strong>Result:</strong> {t.result.detail ?? '—'}{t.result.resultId && <> (<code>{t.result.resultId}</code>)</>}
        </p>
      )}

      <section aria-labelledby={`${id}-decide`}>
        <h2 id={`${id}-decide`}>Decision</h2>
        <div className="stack">
          <label htmlFor={`${id}-reason`}>Reason</label>
          <textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={4000}
                    aria-describedby={`${id}-reason-help`} />
          <p id={`${id}-reason-help`} className="help">Required to reject, so that the requester can read why (TKT-4); recorded with any decision.</p>
        </div>
        <ul className="decisions">
          {DECISIONS.map((d) => {
            const refusal = actionState(t.actions, d).reason
              ?? (d === 'reject' && reasonMissing ? 'Write a reason first: a rejection needs one (TKT-4).' : undefined);
            return (
              <li key={d}>
                <button type="button" disabled={refusal !== undefined || decide.isPending} onClick={() => decide.mutate(d)}
                        aria-describedby={refusal ? `${id}-${d}-why` : undefined}>{LABELS[d]}</button>
                {refusal && <span id={`${id}-${d}-why`} className="why">{refusal}</span>}
              </li>
            );
          })}
        </ul>
        <ProblemMessage error={decide.error} />
      </section>

      <section aria-labelledby={`${id}-payload`}>
        <h2 id={`${id}-payload`}>What it asks, and what will change</h2>
        <TicketPreview ticket={t} />
      </section>

      <section aria-labelledby={`${id}-history`}>
        <h2 id={`${id}-history`}>History</h2>
        {(t.history ?? []).length === 0 ? <p className="muted">Opened; no decision yet.</p> : (
          <ol className="history">
            {t.history!.map((h, i) => (
              <li key={i}>
                {when(h.at)} <strong>{h.action}</strong> {h.from} → {h.to} by {h.actor}
                {(h.attempt ?? 1) > 1 && <span className="muted"> (attempt {h.attempt})</span>}
                {h.reason && <blockquote>{h.reason}</blockquote>}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby={`${id}-comments`}>
        <h2 id={`${id}-comments`}>Comments</h2>
        {(t.comments ?? []).length === 0 ? <p className="muted">No comments yet.</p> : (
          <ul className="comments">
            {t.comments!.map((c) => (
              <li key={c.id}><strong>{c.author}</strong>{c.support && <span className="badge">support</span>} {when(c.at)}<p>{c.body}</p></li>
            ))}
          </ul>
        )}
        <form onSubmit={(e: FormEvent) => { e.preventDefault(); addComment.mutate(comment.trim()); }}>
          <label htmlFor={`${id}-comment`}>Comment</label>
          <textarea id={`${id}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={20000} required />
          <ProblemMessage error={addComment.error} />
          <button type="submit" disabled={!commenting.allowed || addComment.isPending || !comment.trim()}
                  aria-describedby={commenting.reason ? `${id}-comment-why` : undefined}>Add comment</button>
          {commenting.reason && <span id={`${id}-comment-why`} className="why">{commenting.reason}</span>}
        </form>
      </section>

      <section aria-labelledby={`${id}-trail`}>
        <h2 id={`${id}-trail`}>Trail</h2>
        {(t.trail?.deployments ?? []).length === 0 && (t.trail?.grants ?? []).length === 0 && <p className="muted">Nothing has happened on its behalf yet.</p>}
        {(t.trail?.deployments ?? []).length > 0 && (
          <ul className="trail">
            {t.trail!.deployments!.map((d) => (
              <li key={d.id}>
                Deployment <a href={deploymentHref(t.projectId!, d.id!)}>{d.id}</a> of <code>{d.commit?.slice(0, 7)}</code> on {d.environmentId}:{' '}
                <span className={`badge deployment-${d.state?.toLowerCase()}`}>{d.state}</span>{d.phase && <> in {d.phase}</>}
                {d.detail && <p>{d.detail}</p>}
                {(d.steps ?? []).length > 0 && (
                  <ol>{d.steps!.map((s, i) => <li key={i}>{when(s.at)} {s.state}{s.phase && ` ${s.phase}`}{s.detail && `: ${s.detail}`}</li>)}</ol>
                )}
              </li>
            ))}
          </ul>
        )}
        {(t.trail?.grants ?? []).length > 0 && (
          <ul className="trail">
            {t.trail!.grants!.map((g) => (
              <li key={g.id}>
                Grant of <code>{g.fingerprint}</code> to {g.userId} on {g.environmentId}, from {when(g.createdAt)}
                {g.expiresAt && <> until {when(g.expiresAt)}</>}
                {g.revokedAt && <> · revoked {when(g.revokedAt)}{g.revokedReason && `: ${g.revokedReason}`}</>}
                {(g.sessions ?? []).length > 0 && (
                  <ul>{g.sessions!.map((s) => (
                    <li key={s.id}>SSH session by {s.userId} from {s.clientAddress} on node {s.node}: {when(s.openedAt)} – {when(s.closedAt)}
                      {s.closeReason && ` (${s.closeReason})`}</li>
                  ))}</ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

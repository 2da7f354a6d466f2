import { useId, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../api/context';
import { unwrap } from '../api/client';
import { TICKET_STATES, TICKET_TYPES, ticketRefreshInterval } from '../api/tickets';
import { ProblemMessage } from '../components/ProblemMessage';
import { OpenTicketForm } from '../components/OpenTicketForm';
import { newTicketHref, projectHref, ticketHref, ticketsHref, type TicketFilter, type TicketLink } from '../router';
import { useSession } from '../session';

export const TICKETS_PAGE_SIZE = 25;

/**
 * The ticket queue (TKT-6): the caller's projects' tickets (support: all), filtered by state, type
 * and project, in the API's order (priority, then age), a page at a time with the API's cursor.
 * Refreshes every 2 s while a ticket shown is still open or being fulfilled.
 */
export function TicketsPage({ filter }: { filter: TicketFilter }) {
  const api = useApi();
  const { claims } = useSession();
  const id = useId();
  // The cursors of the pages before the current one, to go back; [] on the first page.
  const [cursors, setCursors] = useState<(string | undefined)[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [filterKey, setFilterKey] = useState(JSON.stringify(filter));
  if (filterKey !== JSON.stringify(filter)) {
    // Another filter starts at its first page.
    setFilterKey(JSON.stringify(filter));
    setCursors([]);
    setCursor(undefined);
  }
  const tickets = useQuery({
    queryKey: ['tickets', filter, cursor ?? null],
    queryFn: () => unwrap(api.tickets.GET('/api/v1/tickets', { params: { query: {
      ...filter, limit: String(TICKETS_PAGE_SIZE), ...(cursor ? { cursor } : {}),
    } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => ticketRefreshInterval((query.state.data?.items ?? []).map((t) => t.state)),
  });
  const setFilter = (change: Partial<TicketFilter>) => { window.location.hash = ticketsHref({ ...filter, ...change }); };
  const items = tickets.data?.items ?? [];

  return (
    <main>
      <h1>Tickets</h1>
      <p><a href={newTicketHref(filter.project ? { project: filter.project } : {})}>Open a ticket</a></p>
      <form className="filters" aria-label="Filter tickets" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-state`}>State</label>
        <select id={`${id}-state`} value={filter.state ?? ''} onChange={(e) => setFilter({ state: e.target.value || undefined })}>
          <option value="">any</option>
          {TICKET_STATES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <label htmlFor={`${id}-type`}>Type</label>
        <select id={`${id}-type`} value={filter.type ?? ''} onChange={(e) => setFilter({ type: e.target.value || undefined })}>
          <option value="">any</option>
          {TICKET_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <label htmlFor={`${id}-project`}>Project</label>
        <input id={`${id}-project`} defaultValue={filter.project ?? ''} key={filter.project ?? ''} autoComplete="off"
               onBlur={(e) => { if (e.target.value.trim() !== (filter.project ?? '')) setFilter({ project: e.target.value.trim() || undefined }); }}
               onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); setFilter({ project: e.currentTarget.value.trim() || undefined }); } }} />
      </form>
      <p className="help">Ordered by priority (URGENT first), then age (oldest first), as the ticket service orders them (TKT-6).
        {claims?.groups.includes('support') ? ' As support you see every project\'s tickets.' : ' Tickets of your projects.'}</p>
      {tickets.isPending && <p role="status">Loading tickets…</p>}
      <ProblemMessage error={tickets.error} />
      {tickets.data && items.length === 0 && <p>No tickets match.</p>}
      {items.length > 0 && (
        <table className="tickets">
          <caption className="visually-hidden">Tickets</caption>
          <thead>
            <tr><th scope="col">Priority</th><th scope="col">Subject</th><th scope="col">Type</th><th scope="col">State</th>
              <th scope="col">Project / environment</th><th scope="col">Requested by</th><th scope="col">Opened</th></tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <td><span className={`badge priority-${t.priority?.toLowerCase()}`}>{t.priority}</span></td>
                <td><a href={ticketHref(t.id!)}>{t.subject}</a></td>
                <td>{t.type}</td>
                <td><span className={`badge state-${t.state?.toLowerCase()}`}>{t.state}</span></td>
                <td><a href={projectHref(t.projectId!)}>{t.projectId}</a> / {t.environmentId}</td>
                <td>{t.requestedBy}</td>
                <td>{t.createdAt && <time dateTime={t.createdAt}>{new Date(t.createdAt).toLocaleString()}</time>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Pages of tickets" className="pager">
        <button type="button" disabled={cursors.length === 0}
                onClick={() => { setCursor(cursors.at(-1)); setCursors(cursors.slice(0, -1)); }}>Previous page</button>
        <span>Page {cursors.length + 1}</span>
        <button type="button" disabled={!tickets.data?.next}
                onClick={() => { setCursors([...cursors, cursor]); setCursor(tickets.data!.next!); }}>Next page</button>
      </nav>
    </main>
  );
}

/** `#/tickets/new`: the form to open a ticket of any type, with what the link filled in. */
export function NewTicketPage({ draft }: { draft: TicketLink }) {
  const type = TICKET_TYPES.find((t) => t === draft.type);
  return (
    <main>
      <p><a href={ticketsHref(draft.project ? { project: draft.project } : {})}>← Tickets</a></p>
      <h1>Open a ticket</h1>
      <OpenTicketForm type={type} projectId={draft.project} environmentId={draft.environment} />
    </main>
  );
}

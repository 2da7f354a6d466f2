import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TicketsPage } from '../src/pages/TicketsPage';
import { TicketPage } from '../src/pages/TicketPage';
import { OpenTicketForm } from '../src/components/OpenTicketForm';
import type { Ticket } from '../src/api/tickets';
import { parseRoute, ticketsHref } from '../src/router';
import { fakeFetch, json, problem, renderWithApi } from './helpers';

const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
const tokenOf = (sub: string, groups: string[] = []) => `${b64({ alg: 'RS256' })}.${b64({ sub, groups })}.sig`;
const ID = '0190aaaa-0000-7000-8000-000000000001';

const summary = (over: object) => ({ id: ID, projectId: 'shop', environmentId: 'production', type: 'DEPLOY', state: 'OPEN',
  priority: 'NORMAL', subject: 'Deploy to production', requestedBy: 'alice', createdAt: '2026-11-27T10:00:00Z', ...over });

type Refused = Record<string, [rule: string, detail: string]>;

/** The view's `actions`: every action allowed but those refused, as ticket-service lists them (TKT-4, then TKT-3). */
const actions = (refused: Refused) => ['approve', 'reject', 'cancel', 'retry', 'resolve', 'comment'].map((name) => (
  refused[name]
    ? { name, allowed: false, refusal: { rule: refused[name][0], status: refused[name][0] === 'TKT-3' ? 409 : 403, type: 'urn:slipway:problem:x',
      detail: refused[name][1] } }
    : { name, allowed: true, refusal: null }));

/** TKT-3's refusals of a DEPLOY ticket in `state`, for every decision but those it allows. */
const stateRefuses = (state: string, ...decisions: string[]): Refused => Object.fromEntries(decisions.map((d) => {
  const past = { approve: 'approved', reject: 'rejected', cancel: 'cancelled', retry: 'retried', resolve: 'resolved' }[d];
  return [d, ['TKT-3', `This DEPLOY ticket is ${state}: it cannot be ${past}.`]];
}));

/** What support (sam) may do on alice's OPEN DEPLOY ticket. */
const SUPPORT_ON_OPEN: Refused = { ...stateRefuses('OPEN', 'retry', 'resolve'), cancel: ['TKT-4', 'Only the requester cancels a ticket.'] };

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  ...summary({}), attempt: 0, payload: { commit: '9fceb02aa11', includeData: false }, history: [], comments: [],
  trail: { deployments: [], grants: [] }, allowedActions: ['APPROVE', 'REJECT', 'COMMENT'], actions: actions(SUPPORT_ON_OPEN),
  preview: { computedAt: '2026-11-27T10:00:01Z', deploy: { sourceEnvironmentId: 'staging', currentCommit: '1111111aaa', commit: '9fceb02aa11',
    promotion: { rule: 'DEP-5', holds: true }, commits: [{ commit: '9fceb02aa11', summary: 'New checkout', author: 'alice' }] } },
  ...over,
} as Ticket);

describe('TicketsPage', () => {
  it('sends the filters as query parameters, shows the API\'s order and pages with its cursor', async () => {
    const fake = fakeFetch({
      'GET /api/v1/tickets': (request) => {
        const cursor = new URL(request.url).searchParams.get('cursor');
        return cursor === 'c2'
          ? json(200, { items: [summary({ id: 't3', subject: 'Third', priority: 'LOW' })], next: null })
          : json(200, { items: [summary({ id: 't1', subject: 'First', priority: 'URGENT' }), summary({ id: 't2', subject: 'Second' })], next: 'c2' });
      },
    });
    renderWithApi(<TicketsPage filter={{ state: 'OPEN', type: 'DEPLOY', project: 'shop' }} />, fake.fetch);
    const first = await screen.findByRole('link', { name: 'First' });
    expect(first).toHaveAttribute('href', '#/tickets/t1');
    const query = new URL(fake.requests[0].url).searchParams;
    expect(Object.fromEntries(query)).toEqual({ state: 'OPEN', type: 'DEPLOY', project: 'shop', limit: '25' });
    // The API's order is kept: URGENT first.
    expect(screen.getAllByRole('link', { name: /First|Second/ }).map((a) => a.textContent)).toEqual(['First', 'Second']);
    expect(screen.getByLabelText('State')).toHaveValue('OPEN');
    expect(screen.getByLabelText('Type')).toHaveValue('DEPLOY');
    expect(screen.getByLabelText('Project')).toHaveValue('shop');

    const user = userEvent.setup();
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByRole('link', { name: 'Third' })).toBeInTheDocument();
    expect(new URL(fake.requests.at(-1)!.url).searchParams.get('cursor')).toBe('c2');
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();

    // Another filter is a link of its own.
    await user.selectOptions(screen.getByLabelText('State'), 'RESOLVED');
    expect(window.location.hash).toBe('#/tickets?state=RESOLVED&type=DEPLOY&project=shop');
    expect(parseRoute(window.location.hash)).toEqual({ page: 'tickets', filter: { state: 'RESOLVED', type: 'DEPLOY', project: 'shop' } });
    expect(ticketsHref({})).toBe('#/tickets');
  });

  it('refreshes within 2 s while a ticket shown is open or in progress', async () => {
    let calls = 0;
    const fake = fakeFetch({
      'GET /api/v1/tickets': () => json(200, { items: [summary({ state: ++calls === 1 ? 'IN_PROGRESS' : 'RESOLVED' })], next: null }),
    });
    renderWithApi(<TicketsPage filter={{}} />, fake.fetch);
    expect(await screen.findByText('IN_PROGRESS')).toBeInTheDocument();
    expect(await screen.findByText('RESOLVED', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(Object.fromEntries(new URL(fake.requests[0].url).searchParams)).toEqual({ limit: '25' });
  });
});

describe('TicketPage', () => {
  it('disables Approve and Reject on one\'s own ticket with the refusal beside them, and enables what is allowed', async () => {
    const own = 'Support never decides a ticket they opened themselves: another support member must.';
    const fake = fakeFetch({
      [`GET /api/v1/tickets/${ID}`]: () => json(200, ticket({ requestedBy: 'sam', allowedActions: ['CANCEL', 'COMMENT'],
        actions: actions({ approve: ['TKT-4', own], reject: ['TKT-4', own], retry: ['TKT-4', own], resolve: ['TKT-4', own] }) })),
    });
    renderWithApi(<TicketPage ticketId={ID} />, fake.fetch, tokenOf('sam', ['support']));
    const approve = await screen.findByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled();
    expect(approve).toHaveAccessibleDescription(`${own} (TKT-4)`);
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reject' })).toHaveAccessibleDescription(`${own} (TKT-4)`);
    expect(screen.getAllByText(`${own} (TKT-4)`)).toHaveLength(4);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Resolve' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel ticket' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Cancel ticket' })).not.toHaveAccessibleDescription();
    // The preview of what will change.
    expect(screen.getByText(/Promotion DEP-5: holds/)).toBeInTheDocument();
    expect(screen.getByText('New checkout')).toBeInTheDocument();
  });

  it('tells a developer that only support decides, in the view\'s words', async () => {
    const supportOnly = (verb: string): [string, string] => ['TKT-4', `Only support may ${verb} a ticket.`];
    const fake = fakeFetch({ [`GET /api/v1/tickets/${ID}`]: () => json(200, ticket({ allowedActions: ['CANCEL', 'COMMENT'], actions: actions({
      approve: supportOnly('approve'), reject: supportOnly('reject'), retry: supportOnly('retry'), resolve: supportOnly('resolve') }) })) });
    renderWithApi(<TicketPage ticketId={ID} />, fake.fetch, tokenOf('alice'));
    expect(await screen.findByRole('button', { name: 'Approve' })).toHaveAccessibleDescription('Only support may approve a ticket. (TKT-4)');
    expect(screen.getByRole('button', { name: 'Reject' })).toHaveAccessibleDescription('Only support may reject a ticket. (TKT-4)');
    expect(screen.getByText('Only support may reject a ticket. (TKT-4)')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Cancel ticket' })).toBeEnabled();
  });

  it('disables what the view does not list, and a refused comment with its reason', async () => {
    const fake = fakeFetch({ [`GET /api/v1/tickets/${ID}`]: () => json(200, ticket({ actions: [{ name: 'comment', allowed: false,
      refusal: { rule: 'TKT-4', status: 403, type: 'urn:slipway:problem:forbidden', detail: 'Only project members and support comment on tickets.' } }] })) });
    renderWithApi(<TicketPage ticketId={ID} />, fake.fetch, tokenOf('sam', ['support']));
    expect(await screen.findByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Approve' })).toHaveAccessibleDescription('The service does not offer this action now.');
    expect(screen.getByRole('button', { name: 'Add comment' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Add comment' }))
      .toHaveAccessibleDescription('Only project members and support comment on tickets. (TKT-4)');
  });

  it('requires a reason to reject and sends it with If-Match', async () => {
    let current = ticket();
    const fake = fakeFetch({
      [`GET /api/v1/tickets/${ID}`]: () => new Response(JSON.stringify(current),
        { status: 200, headers: { 'Content-Type': 'application/json', ETag: current.state === 'OPEN' ? '"3"' : '"4"' } }),
      [`POST /api/v1/tickets/${ID}/reject`]: () => {
        current = ticket({ state: 'REJECTED', allowedActions: ['COMMENT'],
          actions: actions(stateRefuses('REJECTED', 'approve', 'reject', 'cancel', 'retry', 'resolve')),
          history: [{ action: 'REJECT', from: 'OPEN', to: 'REJECTED', actor: 'sam', at: '2026-11-27T11:00:00Z', reason: 'Staging is failing' }] });
        return json(200, current);
      },
    });
    renderWithApi(<TicketPage ticketId={ID} />, fake.fetch, tokenOf('sam', ['support']));
    const reject = await screen.findByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();
    expect(reject).toHaveAccessibleDescription('Write a reason first: a rejection needs one (TKT-4).');
    expect(screen.getByRole('button', { name: 'Approve' })).toBeEnabled();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Reason'), 'Staging is failing');
    expect(reject).toBeEnabled();
    await user.click(reject);
    const post = await waitFor(() => fake.requests.find((r) => r.method === 'POST')!);
    expect(await post.clone().json()).toEqual({ reason: 'Staging is failing' });
    expect(post.headers.get('If-Match')).toBe('"3"');
    expect(await screen.findByLabelText('State: REJECTED')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toHaveAccessibleDescription('This DEPLOY ticket is REJECTED: it cannot be approved. (TKT-3)');
    expect(screen.getByText('Staging is failing')).toBeInTheDocument();
  });

  it('shows the server\'s new state after approval, and then its fulfilment', async () => {
    let state = 'OPEN';
    const approved = () => ticket({ state: state as Ticket['state'], attempt: 1, allowedActions: ['COMMENT'],
      // Support may still resolve an APPROVED one by hand (TKT-3); a RESOLVED one, nothing.
      actions: actions(stateRefuses(state, 'approve', 'reject', 'cancel', 'retry', ...(state === 'RESOLVED' ? ['resolve'] : []))),
      history: [{ action: 'APPROVE', from: 'OPEN', to: 'APPROVED', actor: 'sam', at: '2026-11-27T11:00:00Z', reason: 'Looks good' }],
      ...(state === 'RESOLVED' ? { result: { detail: 'Deployment d7 succeeded', resultId: 'd7' },
        trail: { deployments: [{ id: 'd7', environmentId: 'production', commit: '9fceb02aa11', state: 'SUCCEEDED' }], grants: [] } } : {}) });
    const fake = fakeFetch({
      [`GET /api/v1/tickets/${ID}`]: () => json(200, state === 'OPEN' ? ticket() : approved()),
      [`POST /api/v1/tickets/${ID}/approve`]: () => { state = 'APPROVED'; setTimeout(() => { state = 'RESOLVED'; }, 100); return json(200, approved()); },
    });
    renderWithApi(<TicketPage ticketId={ID} />, fake.fetch, tokenOf('sam', ['support']));
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Reason'), 'Looks good');
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByLabelText('State: APPROVED')).toBeInTheDocument();
    expect(await fake.requests.find((r) => r.url.endsWith('/approve'))!.clone().json()).toEqual({ reason: 'Looks good' });
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(screen.getByText(/APPROVE/, { selector: 'strong' }).closest('li')).toHaveTextContent('OPEN → APPROVED by sam');
    // An APPROVED ticket refreshes itself until the owning service resolves it (TKT-5).
    expect(await screen.findByLabelText('State: RESOLVED', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'd7' })).toHaveAttribute('href', '#/projects/shop/deployments/d7');
  });

  it('follows a resolved ticket\'s redeploy in its trail within 2 s, until it ends', async () => {
    // A DEPLOYMENT_SETTINGS ticket resolves once the variables are written; the tier's redeploy runs after.
    let reads = 0;
    const resolved = () => ticket({ type: 'DEPLOYMENT_SETTINGS', state: 'RESOLVED', actions: actions(stateRefuses('RESOLVED', 'approve', 'reject', 'cancel', 'retry', 'resolve')),
      trail: { deployments: [{ id: 'd8', environmentId: 'production', commit: '9fceb02aa11', state: ++reads === 1 ? 'RUNNING' : 'SUCCEEDED' }], grants: [] } });
    const fake = fakeFetch({ [`GET /api/v1/tickets/${ID}`]: () => json(200, resolved()) });
    renderWithApi(<TicketPage ticketId={ID} />, fake.fetch, tokenOf('alice'));
    const trail = await screen.findByRole('region', { name: 'Trail' });
    expect(await within(trail).findByText('RUNNING')).toBeInTheDocument();
    expect(await within(trail).findByText('SUCCEEDED', {}, { timeout: 3000 })).toBeInTheDocument();
  });

  it('shows a refused decision\'s problem as it comes and then the server\'s state', async () => {
    // Allowed when read; cancelled by its requester before support's click.
    let cancelled = false;
    const fake = fakeFetch({
      [`GET /api/v1/tickets/${ID}`]: () => json(200, cancelled
        ? ticket({ state: 'CANCELLED', allowedActions: ['COMMENT'], actions: actions(stateRefuses('CANCELLED', 'approve', 'reject', 'cancel', 'retry', 'resolve')) })
        : ticket()),
      [`POST /api/v1/tickets/${ID}/approve`]: () => {
        cancelled = true;
        return problem(409, 'Conflict', 'This DEPLOY ticket is CANCELLED: it cannot be approved.');
      },
    });
    renderWithApi(<TicketPage ticketId={ID} />, fake.fetch, tokenOf('sam', ['support']));
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This DEPLOY ticket is CANCELLED: it cannot be approved.');
    await waitFor(() => expect(fake.requests.filter((r) => r.method === 'GET')).toHaveLength(2));
    expect(await screen.findByLabelText('State: CANCELLED')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Approve' })).toHaveAccessibleDescription('This DEPLOY ticket is CANCELLED: it cannot be approved. (TKT-3)');
    expect(screen.getByRole('alert')).toHaveTextContent('Conflict');
  });

  it('adds a comment with an Idempotency-Key and shows it', async () => {
    let comments: object[] = [];
    const fake = fakeFetch({
      [`GET /api/v1/tickets/${ID}`]: () => json(200, ticket({ comments } as Partial<Ticket>)),
      [`POST /api/v1/tickets/${ID}/comments`]: async (request) => {
        const { body } = await request.clone().json();
        comments = [{ id: 'c1', author: 'alice', support: false, body, at: '2026-11-27T10:05:00Z' }];
        return json(201, comments[0]);
      },
    });
    renderWithApi(<TicketPage ticketId={ID} />, fake.fetch, tokenOf('alice'));
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Comment'), 'Needed before Friday');
    await user.click(screen.getByRole('button', { name: 'Add comment' }));
    expect(await screen.findByText('Needed before Friday', { selector: 'p' })).toBeInTheDocument();
    expect(fake.requests.find((r) => r.method === 'POST')!.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is a route of its own', () => {
    expect(parseRoute(`#/tickets/${ID}`)).toEqual({ page: 'ticket', ticketId: ID });
    expect(parseRoute('#/tickets/new?type=GO_LIVE&project=shop')).toEqual({ page: 'new-ticket', draft: { type: 'GO_LIVE', project: 'shop' } });
  });
});

describe('OpenTicketForm', () => {
  it('opens a DEPLOYMENT_SETTINGS ticket with the payload it was given, an Idempotency-Key per content, then shows the ticket', async () => {
    const fake = fakeFetch({
      'POST /api/v1/tickets': () => problem(400, 'Invalid ticket payload', 'The DEPLOYMENT_SETTINGS ticket\'s payload is not valid: payload.variables[0].name: bad',
        { violations: [{ field: 'payload.variables[0].name', message: 'bad' }] }),
    });
    renderWithApi(<OpenTicketForm type="DEPLOYMENT_SETTINGS" fixedType projectId="shop" environmentId="production"
      payload={{ variables: [{ action: 'SET', name: 'env:API_URL', value: 'https://api.example' }] }} />, fake.fetch, tokenOf('alice'));
    const user = userEvent.setup();
    expect(screen.getByLabelText('Variable name')).toHaveValue('env:API_URL');
    await user.click(screen.getByRole('button', { name: 'Open ticket' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid ticket payload');
    expect(alert).toHaveTextContent('payload.variables[0].name: bad');
    const first = fake.requests[0];
    expect(await first.clone().json()).toEqual({ type: 'DEPLOYMENT_SETTINGS', projectId: 'shop', environmentId: 'production',
      subject: 'Change deployment settings', priority: 'NORMAL',
      payload: { variables: [{ action: 'SET', name: 'env:API_URL', value: 'https://api.example' }] } });
    await user.click(screen.getByRole('button', { name: 'Open ticket' }));
    await user.type(screen.getByLabelText('Value'), '/v2');
    await user.click(screen.getByRole('button', { name: 'Open ticket' }));
    await waitFor(() => expect(fake.requests).toHaveLength(3));
    const keys = fake.requests.map((r) => r.headers.get('Idempotency-Key'));
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('opens a ticket of each type with only that type\'s payload fields, then shows it', async () => {
    const fake = fakeFetch({ 'POST /api/v1/tickets': () => json(201, ticket({ id: 'new1' })) });
    renderWithApi(<OpenTicketForm projectId="shop" />, fake.fetch, tokenOf('alice'));
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Commit (optional)'), '9fceb02');
    await user.click(screen.getByLabelText(/Include data/));
    await user.click(screen.getByRole('button', { name: 'Open ticket' }));
    await waitFor(() => expect(window.location.hash).toBe('#/tickets/new1'));
    expect((await fake.requests[0].clone().json()).payload).toEqual({ commit: '9fceb02', includeData: true });

    await user.selectOptions(screen.getByLabelText('Type'), 'GO_LIVE');
    expect(within(screen.getByLabelText('Environment')).getAllByRole('option').map((o) => o.textContent)).toEqual(['production']);
    await user.type(screen.getByLabelText('Domains'), 'shop.example.com{Enter}www.shop.example.com');
    await user.click(screen.getByRole('button', { name: 'Open ticket' }));
    await waitFor(() => expect(fake.requests).toHaveLength(2));
    const goLive = await fake.requests[1].clone().json();
    expect(goLive).toMatchObject({ type: 'GO_LIVE', environmentId: 'production', subject: 'Go live',
      payload: { domains: ['shop.example.com', 'www.shop.example.com'] } });

    await user.selectOptions(screen.getByLabelText('Type'), 'ADD_SSH_KEY');
    await user.type(screen.getByLabelText('Public key'), 'ssh-ed25519 AAAAC3 bob@laptop');
    await user.click(screen.getByRole('button', { name: 'Open ticket' }));
    await waitFor(() => expect(fake.requests).toHaveLength(3));
    expect((await fake.requests[2].clone().json()).payload).toEqual({ publicKey: 'ssh-ed25519 AAAAC3 bob@laptop' });
  });
});

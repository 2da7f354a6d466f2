// Tickets (SPEC §5): the types the ticket-service's OpenAPI document gives, and the one way to open
// a ticket (for this module's pages and for any page that offers "request via ticket"). Who may
// decide what (TKT-3, TKT-4) is the ticket view's `actions` (src/api/actions.ts).
import { useMemo } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { components as TicketComponents } from '../generated/ticket-service';
import type { Api } from './client';
import { unwrap } from './client';
import { useApi } from './context';
import { newIdempotencyKey } from './idempotency';
import { refreshInterval } from './refresh';
import { cliCommand, option, SENSITIVE_VALUE, shellQuote, target, type Arg } from '../cli';
export { ticketHref } from '../router';

type Schemas = TicketComponents['schemas'];
export type Ticket = Schemas['Detail'];
export type TicketSummary = Schemas['Summary'];
export type TicketType = Schemas['TicketType'];
export type TicketState = Schemas['TicketState'];
export type TicketPriority = Schemas['TicketPriority'];
export type TicketDraft = Schemas['TicketDraft'];
export type OpenTicketRequest = Schemas['OpenTicketRequest'];
export type TicketVariableChange = Schemas['Change1'];
export type VariableChange = TicketVariableChange;

export const TICKET_TYPES: TicketType[] = ['DEPLOY', 'ADD_SSH_KEY', 'DEPLOYMENT_SETTINGS', 'GO_LIVE', 'GENERAL'];
export const TICKET_STATES: TicketState[] = ['OPEN', 'APPROVED', 'IN_PROGRESS', 'RESOLVED', 'FAILED', 'REJECTED', 'CANCELLED'];
export const TICKET_PRIORITIES: TicketPriority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT'];

/** TKT-2: the environments each type may target (GENERAL: any). */
export const TICKET_TARGETS: Record<TicketType, string[] | undefined> = {
  DEPLOY: ['staging', 'production'],
  ADD_SSH_KEY: ['staging', 'production'],
  DEPLOYMENT_SETTINGS: ['staging', 'production'],
  GO_LIVE: ['production'],
  GENERAL: undefined,
};

/**
 * Opens a ticket (TKT-1) and answers it as the service stored it. `idempotencyKey` (API-6): one per
 * form content, so that a resubmission after a lost answer opens nothing twice.
 */
export function openTicket(api: Api, request: OpenTicketRequest, idempotencyKey: string): Promise<Ticket> {
  return unwrap(api.tickets.POST('/api/v1/tickets', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: request }));
}

/** Something is still to happen to a ticket in these states: lists showing one refresh every 2 s. */
export function ticketIsRunning(state?: TicketState): boolean {
  return state === 'OPEN' || state === 'APPROVED' || state === 'IN_PROGRESS';
}

export const ticketRefreshInterval = (states: (TicketState | undefined)[]) => refreshInterval(states.some(ticketIsRunning));

/**
 * A ticket's own page: every 2 s while the ticket runs, and also while a deployment of its trail is
 * queued or running. A DEPLOYMENT_SETTINGS ticket is RESOLVED once the variables are written, and
 * the tier's redeploy (its trail) runs after that: the page still follows it (never stale).
 */
export const ticketPageRefreshInterval = (ticket?: Ticket) => refreshInterval(ticketIsRunning(ticket?.state)
  || (ticket?.trail?.deployments ?? []).some((d) => d.state === 'QUEUED' || d.state === 'RUNNING'));

/**
 * Opens a ticket with an Idempotency-Key per request content (API-6): pressing again after a lost
 * answer opens nothing twice; another content gets another key.
 */
export function useOpenTicket(request: OpenTicketRequest) {
  const api = useApi();
  const content = JSON.stringify(request);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const idempotencyKey = useMemo(() => newIdempotencyKey(), [content]);
  return useMutation({
    mutationFn: () => openTicket(api, request, idempotencyKey),
  });
}

/**
 * `ticket:create` with the same fields, as slipway-cli parses it (every kind of line is in
 * test/cli-commands.txt, which the CLI's tests parse). A sensitive value is never printed (VAR-2),
 * nor a value the request leaves out: `"$VALUE"` is for the user's shell to fill in. The CLI's
 * `--set` carries a name and a value (and `--set-sensitive` the sensitive flag), not the other
 * flags: the service keeps a variable's own (or its defaults). `--public-key` names a file: the
 * pasted key reaches it through standard input.
 */
export function ticketCommand(request: OpenTicketRequest, sensitive = false): string {
  const p = request.payload ?? {};
  const variables = (p.variables ?? []).map((v) => {
    const name = v.name || '<name>';
    if (v.action === 'DELETE') return ['--unset', name];
    const hidden = sensitive || v.sensitive;
    const value: Arg = hidden || v.value === undefined || v.value === null
      ? { raw: shellQuote(`${name}=`) + SENSITIVE_VALUE.raw }
      : `${name}=${v.value}`;
    return [hidden ? '--set-sensitive' : '--set', value];
  });
  const publicKey = p.publicKey?.trim();
  const command = cliCommand('ticket:create', target(request.projectId, request.environmentId),
    '--type', request.type, '--subject', request.subject || '<subject>',
    option('--description', request.description),
    request.priority !== 'NORMAL' && option('--priority', request.priority),
    option('--commit', p.commit), p.includeData && '--include-data',
    option('--approve-config-of', p.approveConfigOf),
    publicKey ? ['--public-key', '/dev/stdin'] : p.publicKey !== undefined && ['--public-key', '<public-key-file>'],
    option('--key-title', p.title), option('--expires-at', p.expiresAt),
    (p.domains ?? []).map((d) => ['--domain', d]),
    variables);
  return publicKey ? `printf '%s\\n' ${shellQuote(publicKey)} | ${command}` : command;
}

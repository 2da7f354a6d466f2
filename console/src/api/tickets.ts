// Opening tickets (TKT-1, TKT-2) from the pages that need one: Staging and Production change only
// through them (ENV-5, DEP-6). The ticket pages themselves live at #/tickets/<id>.
import { useMemo } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { components as TicketComponents } from '../generated/ticket-service';
import { unwrap } from './client';
import { useApi } from './context';
import { newIdempotencyKey } from './idempotency';
import { cliCommand, option, SENSITIVE_VALUE, target } from '../cli';

export type TicketSchemas = TicketComponents['schemas'];
export type OpenTicketRequest = TicketSchemas['OpenTicketRequest'];
export type TicketDraft = TicketSchemas['TicketDraft'];
export type TicketType = TicketSchemas['TicketType'];
export type VariableChange = TicketSchemas['Change1'];
export type Ticket = TicketSchemas['Detail'];

/** A ticket's page (built beside the other ticket pages). */
export const ticketHref = (ticketId: string) => `#/tickets/${encodeURIComponent(ticketId)}`;

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
    mutationFn: () => unwrap(api.tickets.POST('/api/v1/tickets', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: request,
    })),
  });
}

/** `ticket:create` with the same fields (issue 13); a sensitive value is never printed. */
export function ticketCommand(request: OpenTicketRequest, sensitive = false): string {
  const p = request.payload ?? {};
  const variables = (p.variables ?? []).map((v) => v.action === 'DELETE'
    ? ['--delete-variable', v.name]
    : ['--set-variable', v.name, ...option('--value', sensitive || v.sensitive ? undefined : v.value),
       (sensitive || v.sensitive) && ['--value', SENSITIVE_VALUE]]);
  return cliCommand('ticket:create', '--type', request.type, target(request.projectId, request.environmentId),
    option('--subject', request.subject),
    option('--commit', p.commit), p.includeData && '--include-data',
    option('--approve-config-of', p.approveConfigOf),
    option('--title', p.title), option('--expires-at', p.expiresAt), option('--public-key', p.publicKey?.trim()),
    (p.domains ?? []).map((d) => ['--domain', d]),
    variables);
}

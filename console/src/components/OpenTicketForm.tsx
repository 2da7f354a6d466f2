import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/context';
import { newIdempotencyKey } from '../api/idempotency';
import {
  openTicket, TICKET_PRIORITIES, TICKET_TARGETS, TICKET_TYPES,
  type OpenTicketRequest, type Ticket, type TicketDraft, type TicketPriority, type TicketType, type TicketVariableChange,
} from '../api/tickets';
import { ticketHref } from '../router';
import { ProblemMessage } from './ProblemMessage';

export interface OpenTicketFormProps {
  /** The type to open; with `fixedType` the form offers no other. */
  type?: TicketType;
  fixedType?: boolean;
  projectId?: string;
  environmentId?: string;
  subject?: string;
  /** What the payload starts with, e.g. the variable change a Production write was refused for (ENV-5). */
  payload?: TicketDraft;
  /** After the ticket is opened; by default its page is shown. */
  onOpened?: (ticket: Ticket) => void;
}

const DEFAULT_SUBJECTS: Record<TicketType, string> = {
  DEPLOY: 'Deploy',
  ADD_SSH_KEY: 'Add an SSH key',
  DEPLOYMENT_SETTINGS: 'Change deployment settings',
  GO_LIVE: 'Go live',
  GENERAL: '',
};

const HELP: Record<TicketType, string> = {
  DEPLOY: 'Deploys a commit to Staging or Production; without one, the source tier\'s last successful commit (TKT-1, DEP-5).',
  ADD_SSH_KEY: 'Grants an SSH key access to Staging or Production, until it expires if you give a date (SSH-2).',
  DEPLOYMENT_SETTINGS: 'Changes variables of Staging or Production and/or approves a commit\'s configuration (ENV-5, CFG-3).',
  GO_LIVE: 'Takes Production live on your domains.',
  GENERAL: 'A question or request for support, in free text.',
};

/** The payload of a `type` ticket from the form's fields: only that type's fields (TKT-1; others are 400). */
function payloadOf(type: TicketType, fields: Fields): TicketDraft | undefined {
  switch (type) {
    case 'DEPLOY':
      return { ...(fields.commit.trim() ? { commit: fields.commit.trim() } : {}), includeData: fields.includeData };
    case 'ADD_SSH_KEY':
      return {
        publicKey: fields.publicKey.trim(),
        ...(fields.keyTitle.trim() ? { title: fields.keyTitle.trim() } : {}),
        ...(fields.expiresAt ? { expiresAt: new Date(fields.expiresAt).toISOString() } : {}),
      };
    case 'DEPLOYMENT_SETTINGS':
      return {
        ...(fields.variables.length > 0 ? { variables: fields.variables.map((v) => v.action === 'DELETE' ? { action: 'DELETE' as const, name: v.name } : v) } : {}),
        ...(fields.approveConfigOf.trim() ? { approveConfigOf: fields.approveConfigOf.trim() } : {}),
      };
    case 'GO_LIVE':
      return { domains: fields.domains.split(/[\s,]+/).filter(Boolean) };
    case 'GENERAL':
      return undefined;
  }
}

interface Fields {
  commit: string;
  includeData: boolean;
  publicKey: string;
  keyTitle: string;
  expiresAt: string;
  variables: TicketVariableChange[];
  approveConfigOf: string;
  domains: string;
}

/**
 * Opens a ticket of any type (TKT-1): on the tickets page, and wherever a page offers "request via
 * ticket" (give it the type, project, environment and payload it knows). Sends an Idempotency-Key
 * per form content (API-6); shows the API's refusal as it comes (title, detail, violations).
 */
export function OpenTicketForm(props: OpenTicketFormProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [type, setType] = useState<TicketType>(props.type ?? 'DEPLOY');
  const [projectId, setProjectId] = useState(props.projectId ?? '');
  const [environmentId, setEnvironmentId] = useState(props.environmentId ?? TICKET_TARGETS[props.type ?? 'DEPLOY']?.at(-1) ?? '');
  const [subject, setSubject] = useState(props.subject ?? DEFAULT_SUBJECTS[props.type ?? 'DEPLOY']);
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<TicketPriority>('NORMAL');
  const [fields, setFields] = useState<Fields>({
    commit: props.payload?.commit ?? '',
    includeData: props.payload?.includeData ?? false,
    publicKey: props.payload?.publicKey ?? '',
    keyTitle: props.payload?.title ?? '',
    expiresAt: '',
    variables: props.payload?.variables ?? (props.type === 'DEPLOYMENT_SETTINGS' ? [{ action: 'SET', name: '', value: '' }] : []),
    approveConfigOf: props.payload?.approveConfigOf ?? '',
    domains: props.payload?.domains?.join('\n') ?? '',
  });
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setFields((f) => ({ ...f, [key]: value }));
  const setVariable = (index: number, change: Partial<TicketVariableChange>) =>
    set('variables', fields.variables.map((v, i) => (i === index ? { ...v, ...change } : v)));

  // API-6: the same content keeps its key (a resubmission opens nothing twice); other content gets a new one.
  const idempotency = useRef<{ content: string; key: string }>(undefined);
  const open = useMutation({
    mutationFn: (request: OpenTicketRequest) => {
      const content = JSON.stringify(request);
      if (idempotency.current?.content !== content) idempotency.current = { content, key: newIdempotencyKey() };
      return openTicket(api, request, idempotency.current.key);
    },
    onSuccess: async (ticket) => {
      await queryClient.invalidateQueries({ queryKey: ['tickets'] });
      if (props.onOpened) props.onOpened(ticket);
      else if (ticket.id) window.location.hash = ticketHref(ticket.id);
    },
  });

  const onTypeChange = (next: TicketType) => {
    if (subject === DEFAULT_SUBJECTS[type]) setSubject(DEFAULT_SUBJECTS[next]);
    const targets = TICKET_TARGETS[next];
    if (targets && !targets.includes(environmentId)) setEnvironmentId(targets.at(-1)!);
    if (next === 'DEPLOYMENT_SETTINGS' && fields.variables.length === 0 && !fields.approveConfigOf) {
      set('variables', [{ action: 'SET', name: '', value: '' }]);
    }
    setType(next);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const payload = payloadOf(type, fields);
    open.mutate({
      type, projectId: projectId.trim(), environmentId: environmentId.trim(), subject: subject.trim(), priority,
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(payload ? { payload } : {}),
    });
  };

  const targets = TICKET_TARGETS[type];
  return (
    <form onSubmit={onSubmit} aria-label="Open a ticket" className="ticket-form">
      {props.fixedType
        ? <p>Type: <strong>{type}</strong></p>
        : <>
            <label htmlFor={`${id}-type`}>Type</label>
            <select id={`${id}-type`} value={type} onChange={(e) => onTypeChange(e.target.value as TicketType)}>
              {TICKET_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </>}
      <p className="help">{HELP[type]}</p>
      <label htmlFor={`${id}-project`}>Project</label>
      <input id={`${id}-project`} value={projectId} onChange={(e) => setProjectId(e.target.value)} required autoComplete="off" />
      <label htmlFor={`${id}-environment`}>Environment</label>
      {targets
        ? <select id={`${id}-environment`} value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)} aria-describedby={`${id}-environment-help`}>
            {targets.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        : <input id={`${id}-environment`} value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)} required autoComplete="off"
                 aria-describedby={`${id}-environment-help`} />}
      <p id={`${id}-environment-help`} className="help">
        {type === 'GO_LIVE' ? 'Production only (TKT-2).' : targets ? 'Staging or Production: Integration environments are self-service (TKT-2).' : 'Any environment of the project.'}
      </p>
      <label htmlFor={`${id}-subject`}>Subject</label>
      <input id={`${id}-subject`} value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={200} />
      <label htmlFor={`${id}-priority`}>Priority</label>
      <select id={`${id}-priority`} value={priority} onChange={(e) => setPriority(e.target.value as TicketPriority)}>
        {TICKET_PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
      </select>

      {type === 'DEPLOY' && <>
        <label htmlFor={`${id}-commit`}>Commit (optional)</label>
        <input id={`${id}-commit`} value={fields.commit} onChange={(e) => set('commit', e.target.value)} autoComplete="off"
               pattern="[0-9a-fA-F]{7,40}" aria-describedby={`${id}-commit-help`} />
        <p id={`${id}-commit-help`} className="help">7-40 hexadecimal digits; empty: the source tier's last successful commit.</p>
        <label className="check">
          <input type="checkbox" checked={fields.includeData} onChange={(e) => set('includeData', e.target.checked)} />
          Include data (copy the source tier's data first, DEP-7)
        </label>
      </>}

      {type === 'ADD_SSH_KEY' && <>
        <label htmlFor={`${id}-key`}>Public key</label>
        <textarea id={`${id}-key`} value={fields.publicKey} onChange={(e) => set('publicKey', e.target.value)} required rows={3}
                  spellCheck={false} aria-describedby={`${id}-key-help`} />
        <p id={`${id}-key-help`} className="help">One OpenSSH public key line: ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa of 2048 bits or more (SSH-1).</p>
        <label htmlFor={`${id}-key-title`}>Key title (optional)</label>
        <input id={`${id}-key-title`} value={fields.keyTitle} onChange={(e) => set('keyTitle', e.target.value)} maxLength={200} />
        <label htmlFor={`${id}-expires`}>Expires at (optional)</label>
        <input id={`${id}-expires`} type="datetime-local" value={fields.expiresAt} onChange={(e) => set('expiresAt', e.target.value)} />
      </>}

      {type === 'DEPLOYMENT_SETTINGS' && <>
        <fieldset>
          <legend>Variable changes</legend>
          {fields.variables.map((v, i) => (
            <div key={i} className="variable-change" role="group" aria-label={`Change ${i + 1}`}>
              <label htmlFor={`${id}-var-${i}-action`}>Action</label>
              <select id={`${id}-var-${i}-action`} value={v.action ?? 'SET'} onChange={(e) => setVariable(i, { action: e.target.value as 'SET' | 'DELETE' })}>
                <option value="SET">SET</option>
                <option value="DELETE">DELETE</option>
              </select>
              <label htmlFor={`${id}-var-${i}-name`}>Variable name</label>
              <input id={`${id}-var-${i}-name`} value={v.name ?? ''} onChange={(e) => setVariable(i, { name: e.target.value })} required autoComplete="off" />
              {v.action !== 'DELETE' && <>
                <label htmlFor={`${id}-var-${i}-value`}>Value</label>
                <input id={`${id}-var-${i}-value`} type={v.sensitive ? 'password' : 'text'} value={v.value ?? ''}
                       onChange={(e) => setVariable(i, { value: e.target.value })} autoComplete="off" />
                <label className="check">
                  <input type="checkbox" checked={v.sensitive ?? false} onChange={(e) => setVariable(i, { sensitive: e.target.checked })} />
                  Sensitive
                </label>
              </>}
              <button type="button" onClick={() => set('variables', fields.variables.filter((_, j) => j !== i))}>Remove change {i + 1}</button>
            </div>
          ))}
          <button type="button" onClick={() => set('variables', [...fields.variables, { action: 'SET', name: '', value: '' }])}>Add a variable change</button>
        </fieldset>
        <label htmlFor={`${id}-config`}>Approve the configuration of commit (optional)</label>
        <input id={`${id}-config`} value={fields.approveConfigOf} onChange={(e) => set('approveConfigOf', e.target.value)} autoComplete="off"
               pattern="[0-9a-fA-F]{7,40}" aria-describedby={`${id}-config-help`} />
        <p id={`${id}-config-help`} className="help">A commit whose .slipway configuration digest the tier may then deploy (CFG-3).</p>
      </>}

      {type === 'GO_LIVE' && <>
        <label htmlFor={`${id}-domains`}>Domains</label>
        <textarea id={`${id}-domains`} value={fields.domains} onChange={(e) => set('domains', e.target.value)} required rows={3}
                  aria-describedby={`${id}-domains-help`} />
        <p id={`${id}-domains-help`} className="help">One host name per line, such as shop.example.com (at most 20).</p>
      </>}

      <label htmlFor={`${id}-description`}>Description (optional)</label>
      <textarea id={`${id}-description`} value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={20000} />
      <ProblemMessage error={open.error} />
      <button type="submit" disabled={open.isPending}>{open.isPending ? 'Opening…' : 'Open ticket'}</button>
    </form>
  );
}

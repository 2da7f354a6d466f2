import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Environment } from '../api/client';
import type { ProjectAccess } from '../api/access';
import { ticketRefusal } from '../api/access';
import { ticketCommand, ticketHref, useOpenTicket, type OpenTicketRequest, type Ticket, type TicketDraft, type TicketType } from '../api/tickets';
import { variablesHref } from '../router';
import { CliCommand } from './CliCommand';
import { ProblemMessage } from './ProblemMessage';

const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;

/** The ticket just opened, linked to its page, where support decides it and its trail shows. */
export function TicketOpened({ ticket }: { ticket: Ticket }) {
  return (
    <p role="status" className="ticket-opened">
      Ticket opened: <a href={ticketHref(ticket.id!)}>{ticket.type} ticket “{ticket.subject}”</a>
      <span className={`badge state-${ticket.state?.toLowerCase()}`}>{ticket.state}</span>
    </p>
  );
}

interface ShellProps {
  type: TicketType;
  heading: string;
  explanation: ReactNode;
  environment: Environment;
  access?: ProjectAccess;
  defaultSubject: string;
  payload: TicketDraft;
  /** What the payload still lacks, if anything. */
  missing?: string;
  children?: ReactNode;
}

/** One "request via ticket" form: its own fields (children), then subject, description, priority. */
function TicketForm({ type, heading, explanation, environment, access, defaultSubject, payload, missing, children }: ShellProps) {
  const id = useId();
  const [subject, setSubject] = useState(defaultSubject);
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<(typeof PRIORITIES)[number]>('NORMAL');
  const request: OpenTicketRequest = {
    type, projectId: environment.projectId!, environmentId: environment.id!, subject: subject.trim(),
    ...(description.trim() ? { description: description.trim() } : {}),
    priority, payload,
  };
  const open = useOpenTicket(request);
  const refusal = ticketRefusal(access) ?? missing;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate();
  };
  return (
    <form onSubmit={onSubmit} aria-labelledby={`${id}-heading`} className="ticket-form">
      <h3 id={`${id}-heading`}>{heading}</h3>
      <p className="help">{explanation}</p>
      {children}
      <label htmlFor={`${id}-subject`}>Subject</label>
      <input id={`${id}-subject`} value={subject} onChange={(e) => setSubject(e.target.value)} required maxLength={200} />
      <label htmlFor={`${id}-description`}>Description (optional)</label>
      <textarea id={`${id}-description`} value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
      <label htmlFor={`${id}-priority`}>Priority</label>
      <select id={`${id}-priority`} value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)}>
        {PRIORITIES.map((p) => <option key={p} value={p}>{p.toLowerCase()}</option>)}
      </select>
      <button type="submit" disabled={!!refusal || open.isPending} aria-describedby={refusal ? `${id}-reason` : undefined}>
        {open.isPending ? 'Opening…' : 'Request via ticket'}
      </button>
      {refusal && <p id={`${id}-reason`} className="reason">{refusal}</p>}
      <ProblemMessage error={open.error} />
      {open.data && <TicketOpened ticket={open.data} />}
      <CliCommand command={ticketCommand(request)} what={`${type} ticket`} />
    </form>
  );
}

function DeployTicket({ environment, access }: { environment: Environment; access?: ProjectAccess }) {
  const id = useId();
  const [commit, setCommit] = useState('');
  const [includeData, setIncludeData] = useState(false);
  const source = environment.type === 'PRODUCTION' ? 'Staging' : 'Integration master';
  return (
    <TicketForm type="DEPLOY" heading="Deploy" environment={environment} access={access}
                defaultSubject={`Deploy to ${environment.id}`}
                payload={{ ...(commit.trim() ? { commit: commit.trim() } : {}), ...(includeData ? { includeData: true } : {}) }}
                explanation={<>Deploys a commit that succeeded on {source} (DEP-5); without one, {source}'s last successful
                  commit. Instead of Redeploy, which {environment.type === 'PRODUCTION' ? 'Production' : 'Staging'} does not offer (DEP-6).</>}>
      <label htmlFor={`${id}-commit`}>Commit (optional)</label>
      <input id={`${id}-commit`} value={commit} onChange={(e) => setCommit(e.target.value)} pattern="[0-9a-fA-F]{7,40}"
             autoComplete="off" aria-describedby={`${id}-commit-help`} />
      <p id={`${id}-commit-help`} className="help">7 to 40 hexadecimal digits.</p>
      <label className="check">
        <input type="checkbox" checked={includeData} onChange={(e) => setIncludeData(e.target.checked)} />
        Include data (copy {source}'s data first, DEP-7)
      </label>
    </TicketForm>
  );
}

function SettingsTicket({ environment, access }: { environment: Environment; access?: ProjectAccess }) {
  const id = useId();
  const [commit, setCommit] = useState('');
  return (
    <TicketForm type="DEPLOYMENT_SETTINGS" heading="Deployment settings" environment={environment} access={access}
                defaultSubject={`Approve the configuration for ${environment.id}`}
                payload={commit.trim() ? { approveConfigOf: commit.trim() } : {}}
                missing={commit.trim() ? undefined : 'Name the commit whose configuration to approve.'}
                explanation={<>Approves a commit's configuration (CFG-3). Variable changes are requested from
                  the <a href={variablesHref(environment.projectId!, environment.id!)}>variables</a> page: a refused change there offers its ticket.</>}>
      <label htmlFor={`${id}-commit`}>Approve the configuration of commit</label>
      <input id={`${id}-commit`} value={commit} onChange={(e) => setCommit(e.target.value)} pattern="[0-9a-fA-F]{7,40}" autoComplete="off" />
    </TicketForm>
  );
}

function SshKeyTicket({ environment, access }: { environment: Environment; access?: ProjectAccess }) {
  const id = useId();
  const [publicKey, setPublicKey] = useState('');
  const [title, setTitle] = useState('');
  const [expires, setExpires] = useState('');
  return (
    <TicketForm type="ADD_SSH_KEY" heading="SSH key" environment={environment} access={access}
                defaultSubject={`SSH access to ${environment.id}`}
                payload={{ publicKey: publicKey.trim(), ...(title.trim() ? { title: title.trim() } : {}),
                  ...(expires ? { expiresAt: `${expires}T00:00:00Z` } : {}) }}
                missing={publicKey.trim() ? undefined : 'Paste the public key to grant.'}
                explanation={<>Grants a public key SSH access to {environment.title || environment.id} (SSH-1); never paste a private key.</>}>
      <label htmlFor={`${id}-key`}>Public key</label>
      <textarea id={`${id}-key`} value={publicKey} onChange={(e) => setPublicKey(e.target.value)} rows={3}
                placeholder="ssh-ed25519 AAAA… you@example.com" />
      <label htmlFor={`${id}-title`}>Key title (optional)</label>
      <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
      <label htmlFor={`${id}-expires`}>Expires on (optional)</label>
      <input id={`${id}-expires`} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
    </TicketForm>
  );
}

function GoLiveTicket({ environment, access }: { environment: Environment; access?: ProjectAccess }) {
  const id = useId();
  const [text, setText] = useState('');
  const domains = text.split(/[\s,]+/).map((d) => d.trim()).filter(Boolean);
  return (
    <TicketForm type="GO_LIVE" heading="Go live" environment={environment} access={access}
                defaultSubject={`Take ${environment.projectId} live`}
                payload={{ domains }}
                missing={domains.length ? undefined : 'Name at least one domain.'}
                explanation="Production answers on these domains (ENV-7); its store URL becomes the first one.">
      <label htmlFor={`${id}-domains`}>Domains</label>
      <textarea id={`${id}-domains`} value={text} onChange={(e) => setText(e.target.value)} rows={2}
                aria-describedby={`${id}-domains-help`} />
      <p id={`${id}-domains-help`} className="help">One per line, e.g. shop.example.com.</p>
    </TicketForm>
  );
}

/**
 * Staging and Production change only through tickets (ENV-5, DEP-6, TKT-2): the forms of the types
 * that target them, in place of the Integration operations.
 */
export function TicketRequests({ environment, access }: { environment: Environment; access?: ProjectAccess }) {
  return (
    <div className="ticket-forms">
      <DeployTicket environment={environment} access={access} />
      <SettingsTicket environment={environment} access={access} />
      <SshKeyTicket environment={environment} access={access} />
      {environment.type === 'PRODUCTION' && <GoLiveTicket environment={environment} access={access} />}
    </div>
  );
}

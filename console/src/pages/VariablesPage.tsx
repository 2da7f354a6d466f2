import { useId, useMemo, useState, type FormEvent } from 'react';
import { BackLinks } from '../components/BackLinks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/context';
import { unwrap } from '../api/client';
import { roleRefusal, useProjectAccess, type ProjectAccess } from '../api/access';
import { newIdempotencyKey } from '../api/idempotency';
import { IDLE_INTERVAL_MS } from '../api/refresh';
import { ticketCommand, useOpenTicket, type VariableChange } from '../api/tickets';
import {
  createVariable, deleteVariable, effectiveVariables, getVariable, isTicketRequired, listVariables, updateVariable,
  type EffectiveVariable, type Level, type Variable,
} from '../api/variables';
import { cliCommand, EMPTY, option, SENSITIVE_VALUE, target } from '../cli';
import { CliCommand } from '../components/CliCommand';
import { ProblemMessage } from '../components/ProblemMessage';
import { TicketOpened } from '../components/TicketRequests';
import { variablesHref } from '../router';

/** The VAR-2 flags, with the labels users read (and the Playwright tests find). */
export interface Flags {
  sensitive: boolean;
  json: boolean;
  visibleBuild: boolean;
  visibleRuntime: boolean;
  inheritable: boolean;
  enabled: boolean;
}
const FLAG_LABELS: [keyof Flags, string][] = [
  ['sensitive', 'Sensitive'], ['json', 'JSON'], ['visibleBuild', 'Visible at build'], ['visibleRuntime', 'Visible at runtime'],
  ['inheritable', 'Inheritable'], ['enabled', 'Enabled'],
];
/** The service's defaults (Variable.create): visible at build and runtime, inheritable, enabled. */
const DEFAULT_FLAGS: Flags = { sensitive: false, json: false, visibleBuild: true, visibleRuntime: true, inheritable: true, enabled: true };
const flagsOf = (v: Variable): Flags => ({
  sensitive: !!v.sensitive, json: !!v.json, visibleBuild: v.visibleBuild ?? true, visibleRuntime: v.visibleRuntime ?? true,
  inheritable: v.inheritable ?? true, enabled: v.enabled ?? true,
});
const SENSITIVE_IS_PERMANENT = 'A sensitive variable cannot be made non-sensitive; delete and recreate it. (VAR-2)';

/** A value as the API gives it; a sensitive one never (VAR-2): the API withholds it. */
function Value({ value, sensitive, json }: { value?: string | null; sensitive?: boolean; json?: boolean }) {
  if (sensitive || value == null) return <span className="hidden-value">hidden</span>;
  return json ? <pre className="value">{value}</pre> : <code className="value">{value}</code>;
}

function FlagList({ v }: { v: Partial<Flags> }) {
  const shown = [v.sensitive && 'sensitive', v.json && 'JSON', v.visibleBuild && 'build', v.visibleRuntime && 'runtime',
    v.inheritable && 'inheritable', v.enabled === false && 'disabled'].filter(Boolean);
  return <span className="flags">{shown.join(', ') || '—'}</span>;
}

const flagOption = (flag: keyof Flags) => '--' + flag.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/**
 * The variable command for a change at `level`, as slipway-cli parses it (every kind of line is in
 * test/cli-commands.txt, which the CLI's tests parse): the name positional, a sensitive value left
 * to the user's shell. Create names the flags that differ from the service's defaults; update names
 * all six, as Save sends them; delete carries `-y`, the page's button being the confirmation.
 */
export function variableCommand(level: Level, command: 'create' | 'update' | 'delete', name: string, value?: string, flags?: Flags): string {
  const on = [...option('--level', level.environmentId === undefined ? 'project' : 'environment'), ...target(level.projectId, level.environmentId)];
  if (command === 'delete') return cliCommand('variable:delete', on, name, '-y');
  // --value is required by variable:create; an empty value is sent as one, so it is said as one.
  const shown = value === undefined && command === 'update' ? []
    : ['--value', flags?.sensitive ? SENSITIVE_VALUE : value ? value : EMPTY];
  const flagWords = FLAG_LABELS.map(([flag]) => flags === undefined ? []
    : command === 'update' ? `${flagOption(flag)}=${flags[flag]}`
      : flags[flag] === DEFAULT_FLAGS[flag] ? [] : flags[flag] ? flagOption(flag) : `${flagOption(flag)}=false`);
  return cliCommand(`variable:${command}`, on, name, shown, flagWords);
}

/**
 * A write that Staging or Production refused with 403 ticket-required (ENV-5): the problem as the
 * API gave it, and the DEPLOYMENT_SETTINGS ticket that makes the same change once support approves it.
 */
export function TicketRequiredOffer({ error, level, change }: { error: unknown; level: Level; change: VariableChange }) {
  const request = {
    type: 'DEPLOYMENT_SETTINGS' as const, projectId: level.projectId, environmentId: level.environmentId!,
    subject: `${change.action === 'DELETE' ? 'Delete' : 'Set'} variable ${change.name} on ${level.environmentId}`,
    payload: { variables: [change] },
  };
  const open = useOpenTicket(request);
  return (
    <div className="ticket-offer">
      <ProblemMessage error={error} />
      <p>Support can make this change: open a DEPLOYMENT_SETTINGS ticket with it, and the change applies once the ticket is approved.</p>
      <button type="button" onClick={() => open.mutate()} disabled={open.isPending || !!open.data}>
        {open.isPending ? 'Opening…' : 'Request via ticket'}
      </button>
      <ProblemMessage error={open.error} />
      {open.data && <TicketOpened ticket={open.data} />}
      <CliCommand what="ticket" command={ticketCommand(request)} />
    </div>
  );
}

/** The flag checkboxes; `locked` flags are disabled with their reason. */
function FlagFields({ flags, onChange, locked = {} }: { flags: Flags; onChange: (flags: Flags) => void; locked?: Partial<Record<keyof Flags, string>> }) {
  const id = useId();
  return (
    <fieldset className="flag-fields">
      <legend>Flags</legend>
      {FLAG_LABELS.map(([flag, label]) => (
        <span key={flag}>
          <label className="check">
            <input type="checkbox" checked={flags[flag]} disabled={!!locked[flag]}
                   aria-describedby={locked[flag] ? `${id}-${flag}` : undefined}
                   onChange={(e) => onChange({ ...flags, [flag]: e.target.checked })} />
            {label}
          </label>
          {locked[flag] && <span id={`${id}-${flag}`} className="reason">{locked[flag]}</span>}
        </span>
      ))}
    </fieldset>
  );
}

function CreateVariableForm({ level, refusal, onDone }: { level: Level; refusal?: string; onDone: () => void }) {
  const api = useApi();
  const id = useId();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [flags, setFlags] = useState<Flags>(DEFAULT_FLAGS);
  const body = { name: name.trim(), value, ...flags };
  const content = JSON.stringify(body);
  // API-6: one key per form content, kept for a resubmission; another content, another key.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const idempotencyKey = useMemo(() => newIdempotencyKey(), [content]);
  const create = useMutation({
    mutationFn: () => createVariable(api, level, body, idempotencyKey),
    onSuccess: () => { setName(''); setValue(''); setFlags(DEFAULT_FLAGS); onDone(); },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={onSubmit} aria-labelledby={`${id}-heading`} className="variable-form">
      <h2 id={`${id}-heading`}>Add a variable</h2>
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off"
             pattern="[A-Za-z0-9._:\-]{1,256}" aria-describedby={`${id}-name-help`} />
      <p id={`${id}-name-help`} className="help">1-256 of A-Z, a-z, 0-9, '.', '_', ':' and '-'; <code>env:NAME</code> is exported as NAME (VAR-1).</p>
      <label htmlFor={`${id}-value`}>Value</label>
      <textarea id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)} rows={2} autoComplete="off" />
      <FlagFields flags={flags} onChange={setFlags} />
      <button type="submit" disabled={!!refusal || create.isPending} aria-describedby={refusal ? `${id}-reason` : undefined}>
        {create.isPending ? 'Adding…' : 'Add variable'}
      </button>
      {refusal && <p id={`${id}-reason`} className="reason">{refusal}</p>}
      {isTicketRequired(create.error)
        ? <TicketRequiredOffer error={create.error} level={level} change={{ action: 'SET', name: body.name, value, ...flags }} />
        : <ProblemMessage error={create.error} />}
      <CliCommand what="variable:create" command={variableCommand(level, 'create', body.name || '<name>', value, flags)} />
    </form>
  );
}

/** Edits the version read with its ETag; the change is sent with If-Match of that version (API-5). */
function EditVariable({ level, name, onDone }: { level: Level; name: string; onDone: () => void }) {
  const api = useApi();
  const id = useId();
  const current = useQuery({
    queryKey: ['project', level.projectId, 'variable', level.environmentId ?? '', name],
    queryFn: () => getVariable(api, level, name),
    staleTime: Infinity,
  });
  const [value, setValue] = useState<string>();
  const [flags, setFlags] = useState<Flags>();
  const variable = current.data?.variable;
  const shownFlags = flags ?? (variable ? flagsOf(variable) : DEFAULT_FLAGS);
  const wasSensitive = !!variable?.sensitive;
  // A sensitive value is never read back: empty keeps it.
  const shownValue = value ?? (wasSensitive ? '' : variable?.value ?? '');
  const newValue = value === undefined || (wasSensitive && value === '') ? undefined : value;
  const body = { ...(newValue !== undefined ? { value: newValue } : {}), ...shownFlags };
  const update = useMutation({
    mutationFn: () => updateVariable(api, level, name, body, current.data!.etag),
    onSuccess: onDone,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate();
  };
  return (
    <form onSubmit={onSubmit} aria-label={`Edit ${name}`} className="variable-form editor">
      <p><strong>Edit <code>{name}</code></strong></p>
      <ProblemMessage error={current.error} />
      <label htmlFor={`${id}-value`}>Value</label>
      <textarea id={`${id}-value`} value={shownValue} onChange={(e) => setValue(e.target.value)} rows={2} autoComplete="off"
                placeholder={wasSensitive ? 'hidden: leave empty to keep it' : undefined} disabled={!variable} />
      <FlagFields flags={shownFlags} onChange={setFlags} locked={wasSensitive ? { sensitive: SENSITIVE_IS_PERMANENT } : {}} />
      <div className="buttons">
        <button type="submit" disabled={!variable || update.isPending}>{update.isPending ? 'Saving…' : 'Save'}</button>
        <button type="button" onClick={onDone}>Cancel</button>
        {update.error instanceof Error && 'status' in update.error && update.error.status === 412 && (
          <button type="button" onClick={() => { setValue(undefined); setFlags(undefined); update.reset(); void current.refetch(); }}>
            Reload the variable
          </button>
        )}
      </div>
      {isTicketRequired(update.error)
        ? <TicketRequiredOffer error={update.error} level={level}
            change={{ action: 'SET', name, ...(newValue !== undefined ? { value: newValue } : {}), ...shownFlags }} />
        : <ProblemMessage error={update.error} />}
      <CliCommand what="variable:update" command={variableCommand(level, 'update', name, newValue, shownFlags)} />
    </form>
  );
}

/** Deletes the version shown, with If-Match of its ETag (API-5). */
function DeleteVariable({ level, name, onDone }: { level: Level; name: string; onDone: () => void }) {
  const api = useApi();
  const current = useQuery({
    queryKey: ['project', level.projectId, 'variable', level.environmentId ?? '', name],
    queryFn: () => getVariable(api, level, name),
    staleTime: Infinity,
  });
  const remove = useMutation({ mutationFn: () => deleteVariable(api, level, name, current.data!.etag), onSuccess: onDone });
  const v = current.data?.variable;
  return (
    <div className="variable-form editor" role="group" aria-label={`Delete ${name}`}>
      <p>Delete <code>{name}</code>{v && <> (<Value value={v.value} sensitive={v.sensitive} json={v.json} />)</>}?</p>
      <ProblemMessage error={current.error} />
      <div className="buttons">
        <button type="button" disabled={!v || remove.isPending} onClick={() => remove.mutate()}>Delete variable</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
      {isTicketRequired(remove.error)
        ? <TicketRequiredOffer error={remove.error} level={level} change={{ action: 'DELETE', name }} />
        : <ProblemMessage error={remove.error} />}
      <CliCommand what="variable:delete" command={variableCommand(level, 'delete', name)} />
    </div>
  );
}

function OwnVariables({ level, variables, access, onChanged }:
  { level: Level; variables: Variable[]; access?: ProjectAccess; onChanged: () => void }) {
  const [open, setOpen] = useState<{ name: string; action: 'edit' | 'delete' }>();
  const refusal = roleRefusal(level.projectId, access, 'admin');
  const id = useId();
  if (variables.length === 0) return <p>None.</p>;
  const done = () => { setOpen(undefined); onChanged(); };
  return (
    <>
      {refusal && <p id={`${id}-reason`} className="reason">{refusal}</p>}
      <ul className="variables">
        {variables.map((v) => (
          <li key={v.name} className={v.enabled === false ? 'variable disabled' : 'variable'}>
            <code className="variable-name">{v.name}</code> <Value value={v.value} sensitive={v.sensitive} json={v.json} />
            {' '}<FlagList v={v} />
            <span className="buttons">
              <button type="button" className="small" aria-label={`Edit ${v.name}`} disabled={!!refusal}
                      aria-describedby={refusal ? `${id}-reason` : undefined}
                      onClick={() => setOpen({ name: v.name!, action: 'edit' })}>Edit</button>
              <button type="button" className="small" aria-label={`Delete ${v.name}`} disabled={!!refusal}
                      aria-describedby={refusal ? `${id}-reason` : undefined}
                      onClick={() => setOpen({ name: v.name!, action: 'delete' })}>Delete</button>
            </span>
            {open?.name === v.name && open?.action === 'edit' && <EditVariable key={v.updatedAt} level={level} name={v.name!} onDone={done} />}
            {open?.name === v.name && open?.action === 'delete' && <DeleteVariable level={level} name={v.name!} onDone={done} />}
          </li>
        ))}
      </ul>
    </>
  );
}

/** VAR-3: what the environment sees, and from where: the project, an ancestor (inherited), or itself. */
function EffectiveTable({ projectId, environmentId, variables }: { projectId: string; environmentId: string; variables: EffectiveVariable[] }) {
  if (variables.length === 0) return <p>None: this environment sees no variables.</p>;
  return (
    <table className="effective">
      <caption className="visually-hidden">Effective variables of {environmentId}</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col">Flags</th><th scope="col">From</th></tr></thead>
      <tbody>
        {variables.map((v) => (
          <tr key={v.name}>
            <th scope="row"><code>{v.name}</code></th>
            <td><Value value={v.value} sensitive={v.sensitive} json={v.json} /></td>
            <td><FlagList v={v} /></td>
            <td>
              {v.source === 'project'
                ? <a href={variablesHref(projectId)}>project</a>
                : v.inherited
                  ? <>inherited from <a href={variablesHref(projectId, v.source)}>{v.source}</a></>
                  : 'this environment'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Variables of a project, or of one environment: its effective view (VAR-3) and its own variables,
 * created, edited and deleted with If-Match; sensitive values are never shown (VAR-2). Staging and
 * Production refuse writes with ticket-required (ENV-5), and the refusal offers the ticket.
 */
export function VariablesPage({ projectId, environmentId }: { projectId: string; environmentId?: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const level: Level = { projectId, environmentId };
  const access = useProjectAccess(projectId);
  const environment = useQuery({
    queryKey: ['project', projectId, 'environment', environmentId],
    queryFn: () => unwrap(api.environments.GET('/api/v1/projects/{projectId}/environments/{environmentId}',
      { params: { path: { projectId, environmentId: environmentId! } } })),
    enabled: environmentId !== undefined,
  });
  const own = useQuery({
    queryKey: ['project', projectId, 'variables', environmentId ?? ''],
    queryFn: () => listVariables(api, level),
    refetchInterval: IDLE_INTERVAL_MS,
  });
  const effective = useQuery({
    queryKey: ['project', projectId, 'effective-variables', environmentId],
    queryFn: () => effectiveVariables(api, projectId, environmentId!),
    enabled: environmentId !== undefined,
    refetchInterval: IDLE_INTERVAL_MS,
  });
  const onChanged = () => {
    void queryClient.invalidateQueries({ queryKey: ['project', projectId, 'variables'] });
    void queryClient.invalidateQueries({ queryKey: ['project', projectId, 'effective-variables'] });
    void queryClient.invalidateQueries({ queryKey: ['project', projectId, 'variable'] });
  };
  const tier = environment.data && environment.data.type !== 'INTEGRATION';
  const refusal = roleRefusal(projectId, access.data, 'admin');

  return (
    <main>
      <BackLinks projectId={projectId} environmentId={environmentId} />
      <h1>Variables of {environmentId ?? `project ${projectId}`}</h1>
      <ProblemMessage error={environment.error} />
      {tier && (
        <p className="help">
          {environment.data!.type === 'PRODUCTION' ? 'Production' : 'Staging'} settings change only through an approved DEPLOYMENT_SETTINGS
          ticket (ENV-5): a change here is refused, and the refusal offers that ticket.
        </p>
      )}
      {environmentId && (
        <section aria-labelledby="effective-heading">
          <h2 id="effective-heading">Effective variables</h2>
          <p className="help">Project variables, overridden by the nearest ancestor's inheritable ones, overridden by the environment's own (VAR-3). Disabled ones take no part.</p>
          {effective.isPending && <p role="status">Loading…</p>}
          <ProblemMessage error={effective.error} />
          {effective.data && <EffectiveTable projectId={projectId} environmentId={environmentId} variables={effective.data} />}
        </section>
      )}
      <section aria-labelledby="own-heading">
        <h2 id="own-heading">{environmentId ? `Variables of ${environmentId} itself` : 'Project variables'}</h2>
        {own.isPending && <p role="status">Loading…</p>}
        <ProblemMessage error={own.error} />
        {own.data && <OwnVariables level={level} variables={own.data} access={access.data} onChanged={onChanged} />}
      </section>
      <CreateVariableForm level={level} refusal={refusal} onDone={onChanged} />
    </main>
  );
}

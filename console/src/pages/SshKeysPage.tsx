import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components as GatewayComponents } from '../generated/ssh-gateway';
import { useApi } from '../api/context';
import { ApiProblem, unwrap } from '../api/client';
import { allItems } from '../api/pages';
import { IDLE_INTERVAL_MS } from '../api/refresh';
import { newIdempotencyKey } from '../api/idempotency';
import { ProblemMessage } from '../components/ProblemMessage';
import { projectAccessHref } from '../router';

type SshKey = GatewayComponents['schemas']['SshKey'];

const when = (at?: string | null) => (at ? <time dateTime={at}>{new Date(at).toLocaleString()}</time> : 'never');

function KeyRow({ sshKey, onRemoved }: { sshKey: SshKey; onRemoved: () => Promise<unknown> }) {
  const api = useApi();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const name = sshKey.title || sshKey.fingerprint!;
  const remove = useMutation({
    mutationFn: () => unwrap(api.gateway.DELETE('/api/v1/ssh-keys/{keyId}', { params: { path: { keyId: sshKey.id! } } })),
    onSettled: onRemoved,
  });
  return (
    <tr aria-label={name}>
      <th scope="row">{sshKey.title}</th>
      <td><code>{sshKey.fingerprint}</code></td>
      <td>{sshKey.keyType}{sshKey.bits ? ` (${sshKey.bits} bits)` : ''}</td>
      <td>{when(sshKey.createdAt)}</td>
      <td>{when(sshKey.lastUsedAt)}</td>
      <td>
        {!confirming
          ? <button type="button" onClick={() => setConfirming(true)}>Delete {name}</button>
          : <span role="group" aria-labelledby={`${id}-confirm`}>
              <span id={`${id}-confirm`}>Delete {name}? Its grants are revoked and its SSH sessions end at once (SSH-2).</span>{' '}
              <button type="button" onClick={() => remove.mutate()} disabled={remove.isPending}>Yes, delete</button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>Keep it</button>
            </span>}
        <ProblemMessage error={remove.error} />
      </td>
    </tr>
  );
}

/**
 * The signed-in user's SSH keys (SSH-1): list, add by pasting an OpenSSH public key line, delete.
 * The gateway's refusal (DSA, short RSA, a private key, malformed text) shows as it comes.
 */
export function SshKeysPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const keys = useQuery({
    queryKey: ['ssh-keys'],
    queryFn: () => allItems((cursor) => unwrap(api.gateway.GET('/api/v1/ssh-keys', { params: { query: { limit: '200', ...(cursor ? { cursor } : {}) } } }))),
    refetchInterval: IDLE_INTERVAL_MS,
  });
  const projects = useQuery({
    queryKey: ['projects'],
    queryFn: () => unwrap(api.environments.GET('/api/v1/projects', { params: { query: { limit: '100' } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['ssh-keys'] });

  const [publicKey, setPublicKey] = useState('');
  const [title, setTitle] = useState('');
  const [added, setAdded] = useState<{ key: SshKey; existed: boolean }>();
  const addKey = useRef<{ content: string; key: string }>(undefined);
  const add = useMutation({
    mutationFn: async () => {
      const body = { publicKey: publicKey.trim(), ...(title.trim() ? { title: title.trim() } : {}) };
      const content = JSON.stringify(body);
      if (addKey.current?.content !== content) addKey.current = { content, key: newIdempotencyKey() };
      const { data, error, response } = await api.gateway.POST('/api/v1/ssh-keys',
        { params: { header: { 'Idempotency-Key': addKey.current.key } }, body });
      if (!response.ok) throw new ApiProblem(response.status, typeof error === 'object' && error ? error : undefined);
      // 200: the caller had this key already (the API answers it rather than a conflict).
      return { key: data as SshKey, existed: response.status === 200 };
    },
    onMutate: () => setAdded(undefined),
    onSuccess: (answer) => {
      setAdded(answer);
      setPublicKey('');
      setTitle('');
    },
    onSettled: refresh,
  });

  return (
    <main>
      <h1>SSH keys</h1>
      <p className="help">Your keys reach the Integration environments of your projects where your role is at least the app's
        <code> access.ssh</code> (default admin); Staging and Production only through a grant from an approved ADD_SSH_KEY ticket (SSH-2).</p>
      <section aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>Your keys</h2>
        {keys.isPending && <p role="status">Loading keys…</p>}
        <ProblemMessage error={keys.error} />
        {keys.data && keys.data.length === 0 && <p>No keys yet: add one below.</p>}
        {keys.data && keys.data.length > 0 && (
          <table className="keys">
            <caption className="visually-hidden">Your SSH keys</caption>
            <thead><tr><th scope="col">Title</th><th scope="col">Fingerprint</th><th scope="col">Type</th><th scope="col">Added</th>
              <th scope="col">Last used</th><th scope="col">Delete</th></tr></thead>
            <tbody>{keys.data.map((k) => <KeyRow key={k.id} sshKey={k} onRemoved={refresh} />)}</tbody>
          </table>
        )}
      </section>
      <section aria-labelledby={`${id}-add`}>
        <h2 id={`${id}-add`}>Add a key</h2>
        <form aria-label="Add a key" onSubmit={(e: FormEvent) => { e.preventDefault(); add.mutate(); }}>
          <label htmlFor={`${id}-key`}>Public key</label>
          <textarea id={`${id}-key`} value={publicKey} onChange={(e) => setPublicKey(e.target.value)} required rows={4} spellCheck={false}
                    aria-describedby={`${id}-key-help`} />
          <p id={`${id}-key-help`} className="help">One line of <code>~/.ssh/id_ed25519.pub</code> or similar: ssh-ed25519,
            ecdsa-sha2-nistp256/384/521, or ssh-rsa of 2048 bits or more (SSH-1). Never paste a private key.</p>
          <label htmlFor={`${id}-title`}>Title (optional)</label>
          <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={255} aria-describedby={`${id}-title-help`} />
          <p id={`${id}-title-help`} className="help">Defaults to the key line's comment.</p>
          <ProblemMessage error={add.error} />
          {added && (
            <p role="status">
              {added.existed ? 'You already had this key: ' : 'Added '}<strong>{added.key.title}</strong> <code>{added.key.fingerprint}</code>
            </p>
          )}
          <button type="submit" disabled={add.isPending}>Add key</button>
        </form>
      </section>
      <section aria-labelledby={`${id}-reach`}>
        <h2 id={`${id}-reach`}>Who can reach each environment</h2>
        <p className="help">Per project, every member's keys and the environments they reach (for the project's admins and support).</p>
        <ProblemMessage error={projects.error} />
        {projects.data && (
          <ul>
            {(projects.data.items ?? []).map((p) => (
              <li key={p.id}><a href={projectAccessHref(p.id!)}>SSH access to {p.title || p.id}</a></li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

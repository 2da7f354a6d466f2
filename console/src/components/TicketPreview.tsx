import type { Ticket } from '../api/tickets';

const short = (commit?: string | null) => (commit ? commit.slice(0, 7) : '—');
const shown = (state?: { value?: string; sensitive?: boolean } | null) =>
  !state ? '—' : state.sensitive ? '(sensitive, not shown)' : state.value ?? '(null)';

/**
 * What a ticket asks (its payload, never a sensitive value: SEC-3) and the service's preview of
 * what approval will change, computed again on each read while the ticket is OPEN.
 */
export function TicketPreview({ ticket }: { ticket: Ticket }) {
  const payload = ticket.payload ?? {};
  const preview = ticket.preview;
  return (
    <>
      {ticket.type === 'DEPLOY' && (
        <dl className="facts">
          <dt>Commit</dt><dd><code>{short(payload.commit)}</code>{payload.commitDefaulted && ' (the source tier\'s last successful one)'}</dd>
          <dt>Include data</dt><dd>{payload.includeData ? 'yes' : 'no'}</dd>
        </dl>
      )}
      {ticket.type === 'ADD_SSH_KEY' && (
        <dl className="facts">
          <dt>Key</dt><dd>{payload.title} <code>{payload.keyType}{payload.keyBits ? ` ${payload.keyBits} bits` : ''}</code></dd>
          <dt>Fingerprint</dt><dd><code>{payload.fingerprint}</code></dd>
          <dt>Expires</dt><dd>{payload.expiresAt ?? 'never'}</dd>
        </dl>
      )}
      {ticket.type === 'GO_LIVE' && <p>Domains: {(payload.domains ?? []).join(', ')}</p>}
      {ticket.type === 'DEPLOYMENT_SETTINGS' && (payload.variables ?? []).length > 0 && (
        <ul className="changes" aria-label="Requested variable changes">
          {payload.variables!.map((v) => (
            <li key={v.name}>
              <code>{v.action}</code> <code>{v.name}</code>
              {v.action === 'SET' && <> = {v.sealedValue || v.sensitive ? '(sensitive, not shown)' : <code>{v.value}</code>}</>}
            </li>
          ))}
        </ul>
      )}
      {ticket.type === 'DEPLOYMENT_SETTINGS' && payload.approveConfigOf && (
        <p>Approves the configuration of commit <code>{short(payload.approveConfigOf)}</code>.</p>
      )}

      {!preview && <p className="muted">No preview of this ticket.</p>}
      {preview && (
        <div className="preview" aria-label="Preview">
          <h3>Preview{preview.computedAt && <span className="muted"> (computed {new Date(preview.computedAt).toLocaleString()})</span>}</h3>
          {(preview.unavailable ?? []).length > 0 && (
            <ul className="problem">{preview.unavailable!.map((u, i) => <li key={i}>{u}</li>)}</ul>
          )}
          {preview.deploy && (
            <>
              <p>
                {preview.deploy.sourceEnvironmentId && <>From {preview.deploy.sourceEnvironmentId}: </>}
                <code>{short(preview.deploy.currentCommit)}</code> → <code>{short(preview.deploy.commit)}</code>
                {preview.deploy.includeData && ', with data'}
              </p>
              {preview.deploy.promotion && (
                <p className={preview.deploy.promotion.holds ? '' : 'problem'}>
                  Promotion {preview.deploy.promotion.rule}: {preview.deploy.promotion.holds ? 'holds' : 'does not hold'}
                  {preview.deploy.promotion.detail && ` — ${preview.deploy.promotion.detail}`}
                </p>
              )}
              {(preview.deploy.commits ?? []).length > 0 && (
                <>
                  <h4>Commits{preview.deploy.commitsTruncated && ' (first ones only)'}</h4>
                  <ul>{preview.deploy.commits!.map((c) => <li key={c.commit}><code>{short(c.commit)}</code> {c.summary} <span className="muted">({c.author})</span></li>)}</ul>
                </>
              )}
              {(preview.deploy.changedPaths ?? []).length > 0 && (
                <>
                  <h4>Changed paths{preview.deploy.changedPathsTruncated && ' (first ones only)'}</h4>
                  <ul>{preview.deploy.changedPaths!.map((p, i) => (
                    <li key={i}><code>{p.change}</code> {p.oldPath ? `${p.oldPath} → ` : ''}{p.path}</li>
                  ))}</ul>
                </>
              )}
            </>
          )}
          {preview.settings && (
            <>
              {(preview.settings.variables ?? []).length > 0 && (
                <table>
                  <caption>Variables</caption>
                  <thead><tr><th scope="col">Name</th><th scope="col">Change</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
                  <tbody>
                    {preview.settings.variables!.map((v) => (
                      <tr key={v.name}><td><code>{v.name}</code></td><td>{v.change}</td><td>{shown(v.before)}</td><td>{shown(v.after)}</td></tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
          {(preview.deploy?.config ?? preview.settings?.config) && (() => {
            const config = (preview.deploy?.config ?? preview.settings?.config)!;
            return (
              <p>
                Configuration of <code>{short(config.commit)}</code>: {config.changes ? 'changes' : 'unchanged'}
                {config.approvalNeeded && ' — needs an approved DEPLOYMENT_SETTINGS ticket (CFG-3)'}
                {(config.problems ?? []).length > 0 && <>; problems: {config.problems!.join('; ')}</>}
              </p>
            );
          })()}
          {preview.sshKey && (
            <p>
              Grants <code>{preview.sshKey.fingerprint}</code> ({preview.sshKey.keyType}{preview.sshKey.bits ? ` ${preview.sshKey.bits} bits` : ''})
              {preview.sshKey.grantedTo && <> of {preview.sshKey.grantedTo}</>} access to {preview.sshKey.environmentId}
              {preview.sshKey.expiresAt ? ` until ${new Date(preview.sshKey.expiresAt).toLocaleString()}` : ', without expiry'}.
            </p>
          )}
          {preview.goLive && (
            <p>Domains: {(preview.goLive.currentDomains ?? []).join(', ') || 'none'} → {(preview.goLive.domains ?? []).join(', ')}</p>
          )}
        </div>
      )}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { devSignIn, devSignInAvailable } from '../api/devSignIn';
import { readClaims, useSession } from '../session';

/** Sign in by pasting a token (everywhere) or, in local runs only, as any user with the development key. */
export function SignIn() {
  const { signIn } = useSession();
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState<string>();
  const [user, setUser] = useState('');
  const [support, setSupport] = useState(false);
  const [devError, setDevError] = useState<string>();
  const dev = useQuery({ queryKey: ['dev-sign-in'], queryFn: () => devSignInAvailable(), staleTime: Infinity });

  const onPaste = (e: FormEvent) => {
    e.preventDefault();
    if (!readClaims(pasted)) {
      setPasteError('This is not a JWT with a subject (three base64url parts separated by dots).');
      return;
    }
    signIn(pasted);
  };
  const onDev = async (e: FormEvent) => {
    e.preventDefault();
    setDevError(undefined);
    try {
      signIn(await devSignIn(user.trim(), support));
    } catch (error) {
      setDevError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <main className="sign-in">
      <h1>Sign in to Slipway</h1>
      {dev.data && (
        <form onSubmit={onDev} aria-labelledby="dev-sign-in-heading">
          <h2 id="dev-sign-in-heading">Development sign-in</h2>
          <p>Local runs only: mints a token with the development key.</p>
          <label htmlFor="dev-user">User name</label>
          <input id="dev-user" value={user} onChange={(e) => setUser(e.target.value)} required
                 autoComplete="username" pattern="[A-Za-z0-9._@-]+" />
          <label className="check">
            <input type="checkbox" checked={support} onChange={(e) => setSupport(e.target.checked)} />
            Support staff (group <code>support</code>)
          </label>
          {devError && <p role="alert" className="problem">{devError}</p>}
          <button type="submit">Sign in as {user.trim() || '…'}</button>
        </form>
      )}
      <form onSubmit={onPaste} aria-labelledby="paste-heading">
        <h2 id="paste-heading">Paste a token</h2>
        <label htmlFor="token">Bearer token (JWT)</label>
        <textarea id="token" value={pasted} onChange={(e) => { setPasted(e.target.value); setPasteError(undefined); }}
                  rows={4} required aria-describedby="token-help" />
        <p id="token-help" className="help">
          Locally: <code>bin/slipway token alice</code>. Sign-in with your organisation's OIDC provider comes later.
        </p>
        {pasteError && <p role="alert" className="problem">{pasteError}</p>}
        <button type="submit">Sign in with this token</button>
      </form>
    </main>
  );
}

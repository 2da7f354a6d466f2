// Who is signed in: a bearer token kept for the browser tab (sessionStorage), its claims read for
// display only; the services verify it (SEC-1).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

const STORAGE_KEY = 'slipway.token';

export interface Claims {
  user: string;
  groups: string[];
  expiresAt?: Date;
}

/** The claims of a JWT, or undefined when it is not one. Nothing is verified here. */
export function readClaims(token: string): Claims | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return undefined;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=')));
    const user = json.sub ?? json.upn ?? json.preferred_username;
    if (typeof user !== 'string' || !user) return undefined;
    return {
      user,
      groups: Array.isArray(json.groups) ? json.groups.filter((g: unknown) => typeof g === 'string') : [],
      expiresAt: typeof json.exp === 'number' ? new Date(json.exp * 1000) : undefined,
    };
  } catch {
    return undefined;
  }
}

interface Session {
  token?: string;
  claims?: Claims;
  signIn: (token: string) => void;
  signOut: () => void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children, initialToken, onSignOut }:
  { children: ReactNode; initialToken?: string; onSignOut?: () => void }) {
  const [token, setToken] = useState<string | undefined>(
    () => initialToken ?? sessionStorage.getItem(STORAGE_KEY) ?? undefined);
  const signIn = useCallback((next: string) => {
    sessionStorage.setItem(STORAGE_KEY, next.trim());
    setToken(next.trim());
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setToken(undefined);
    // Nothing the previous user read may show to the next one.
    onSignOut?.();
  }, [onSignOut]);
  const value = useMemo(
    () => ({ token, claims: token ? readClaims(token) : undefined, signIn, signOut }),
    [token, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

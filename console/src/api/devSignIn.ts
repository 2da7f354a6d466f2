// The development sign-in: an endpoint only the local one origin serves (dev-infra/origin, console/README.md),
// which mints a token with the development key. Production origins answer 404, so the form stays hidden.
export const DEV_SIGN_IN_PATH = '/dev/sign-in';

export async function devSignInAvailable(fetcher: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetcher(DEV_SIGN_IN_PATH, { headers: { Accept: 'application/json' } });
    if (!response.ok) return false;
    const body = await response.json().catch(() => undefined);
    return body?.available === true;
  } catch {
    return false;
  }
}

export async function devSignIn(user: string, support: boolean, fetcher: typeof fetch = fetch): Promise<string> {
  const response = await fetcher(DEV_SIGN_IN_PATH, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ user, support }),
  });
  const body = await response.json().catch(() => undefined);
  if (!response.ok || typeof body?.token !== 'string') {
    throw new Error(body?.detail ?? `Development sign-in failed (HTTP ${response.status})`);
  }
  return body.token;
}

import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createApi } from './api/client';
import { ApiProvider } from './api/context';
import { SessionProvider, useSession } from './session';
import { App } from './App';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } },
});

const clearCache = () => queryClient.clear();

function WithApi() {
  const session = useSession();
  // A 401 (expired or foreign token) signs out, back to the sign-in page.
  const api = useMemo(() => createApi({ token: () => session.token, onUnauthorized: session.signOut }),
    [session.token, session.signOut]);
  return <ApiProvider api={api}><App /></ApiProvider>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider onSignOut={clearCache}>
        <WithApi />
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);

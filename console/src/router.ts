// Hash routes, so that any static server (and the one origin) serves the app from one index.html.
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'projects' }
  | { page: 'project'; projectId: string }
  | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/projects') return { page: 'projects' };
  const project = /^\/projects\/([^/]+)$/.exec(path);
  if (project) return { page: 'project', projectId: decodeURIComponent(project[1]) };
  return { page: 'not-found', path };
}

export const projectHref = (projectId: string) => `#/projects/${encodeURIComponent(projectId)}`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

// Hash routes, so that any static server (and the one origin) serves the app from one index.html.
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'projects' }
  | { page: 'project'; projectId: string }
  | { page: 'deployment'; projectId: string; deploymentId: string; line?: number }
  | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/projects') return { page: 'projects' };
  const project = /^\/projects\/([^/]+)$/.exec(path);
  if (project) return { page: 'project', projectId: decodeURIComponent(project[1]) };
  const deployment = /^\/projects\/([^/]+)\/deployments\/([^/]+)(?:\/lines\/(\d+))?$/.exec(path);
  if (deployment) {
    return { page: 'deployment', projectId: decodeURIComponent(deployment[1]), deploymentId: decodeURIComponent(deployment[2]),
      ...(deployment[3] ? { line: Number(deployment[3]) } : {}) };
  }
  return { page: 'not-found', path };
}

export const projectHref = (projectId: string) => `#/projects/${encodeURIComponent(projectId)}`;

/** A deployment's log; with a line, that line is marked and scrolled to (each line is linkable). */
export const deploymentHref = (projectId: string, deploymentId: string, line?: number) =>
  `${projectHref(projectId)}/deployments/${encodeURIComponent(deploymentId)}${line !== undefined ? `/lines/${line}` : ''}`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

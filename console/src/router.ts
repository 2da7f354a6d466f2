// Hash routes, so that any static server (and the one origin) serves the app from one index.html.
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'projects' }
  | { page: 'project'; projectId: string }
  | { page: 'deployment'; projectId: string; deploymentId: string; line?: number }
  | { page: 'environment'; projectId: string; environmentId: string }
  | { page: 'deployments'; projectId: string; environmentId?: string }
  | { page: 'variables'; projectId: string; environmentId?: string }
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
  const environment = /^\/projects\/([^/]+)\/environments\/([^/]+)(?:\/(deployments|variables))?$/.exec(path);
  if (environment) {
    const ids = { projectId: decodeURIComponent(environment[1]), environmentId: decodeURIComponent(environment[2]) };
    return environment[3] === 'deployments' ? { page: 'deployments', ...ids }
      : environment[3] === 'variables' ? { page: 'variables', ...ids } : { page: 'environment', ...ids };
  }
  const projectList = /^\/projects\/([^/]+)\/(deployments|variables)$/.exec(path);
  if (projectList) return { page: projectList[2] as 'deployments' | 'variables', projectId: decodeURIComponent(projectList[1]) };
  return { page: 'not-found', path };
}

export const projectHref = (projectId: string) => `#/projects/${encodeURIComponent(projectId)}`;

/** A deployment's log; with a line, that line is marked and scrolled to (each line is linkable). */
export const deploymentHref = (projectId: string, deploymentId: string, line?: number) =>
  `${projectHref(projectId)}/deployments/${encodeURIComponent(deploymentId)}${line !== undefined ? `/lines/${line}` : ''}`;

export const environmentHref = (projectId: string, environmentId: string) =>
  `${projectHref(projectId)}/environments/${encodeURIComponent(environmentId)}`;

/** Deployments of the project, or of one environment when given. */
export const deploymentsHref = (projectId: string, environmentId?: string) =>
  `${environmentId !== undefined ? environmentHref(projectId, environmentId) : projectHref(projectId)}/deployments`;

/** Variables of the project, or the effective and own variables of one environment when given. */
export const variablesHref = (projectId: string, environmentId?: string) =>
  `${environmentId !== undefined ? environmentHref(projectId, environmentId) : projectHref(projectId)}/variables`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

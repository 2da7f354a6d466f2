// Hash routes, so that any static server (and the one origin) serves the app from one index.html.
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'projects' }
  | { page: 'project'; projectId: string }
  | { page: 'deployment'; projectId: string; deploymentId: string; line?: number }
  | { page: 'environment'; projectId: string; environmentId: string }
  | { page: 'deployments'; projectId: string; environmentId?: string }
  | { page: 'variables'; projectId: string; environmentId?: string }
  | { page: 'members'; projectId: string }
  | { page: 'project-access'; projectId: string }
  | { page: 'ssh-keys' }
  | { page: 'tickets'; filter: TicketFilter }
  | { page: 'new-ticket'; draft: TicketLink }
  | { page: 'ticket'; ticketId: string }
  | { page: 'not-found'; path: string };

/** The ticket queue's filters (TKT-6), kept in the hash so a filtered queue is a link. */
export interface TicketFilter {
  state?: string;
  type?: string;
  project?: string;
}

/** What a link to the "open a ticket" form may fill in. */
export interface TicketLink {
  type?: string;
  project?: string;
  environment?: string;
}

export function parseRoute(hash: string): Route {
  const [rawPath, rawQuery] = (hash.replace(/^#/, '') || '/').split('?', 2);
  const path = rawPath || '/';
  const query = new URLSearchParams(rawQuery ?? '');
  const pick = <K extends string>(...keys: K[]) =>
    Object.fromEntries(keys.filter((k) => query.get(k)).map((k) => [k, query.get(k)!])) as Partial<Record<K, string>>;
  if (path === '/' || path === '/projects') return { page: 'projects' };
  if (path === '/ssh-keys') return { page: 'ssh-keys' };
  if (path === '/tickets') return { page: 'tickets', filter: pick('state', 'type', 'project') };
  if (path === '/tickets/new') return { page: 'new-ticket', draft: pick('type', 'project', 'environment') };
  const ticket = /^\/tickets\/([^/]+)$/.exec(path);
  if (ticket) return { page: 'ticket', ticketId: decodeURIComponent(ticket[1]) };
  const projectPage = /^\/projects\/([^/]+)\/(members|access)$/.exec(path);
  if (projectPage) {
    return { page: projectPage[2] === 'members' ? 'members' : 'project-access', projectId: decodeURIComponent(projectPage[1]) };
  }
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
export const membersHref = (projectId: string) => `${projectHref(projectId)}/members`;
export const projectAccessHref = (projectId: string) => `${projectHref(projectId)}/access`;
export const ticketHref = (ticketId: string) => `#/tickets/${encodeURIComponent(ticketId)}`;

const withQuery = (path: string, values: object) => {
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v) as [string, string][]).toString();
  return query ? `${path}?${query}` : path;
};

/** The ticket queue, filtered. */
export const ticketsHref = (filter: TicketFilter = {}) => withQuery('#/tickets', filter);

/** The form that opens a ticket, with what the link knows filled in. */
export const newTicketHref = (draft: TicketLink = {}) => withQuery('#/tickets/new', draft);

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

// The caller's role on a project (ENV-9), for the forms no view's `actions` covers yet (variables,
// opening a ticket): disabled with the role they need, in the services' own words (SEC-2, TKT-4),
// instead of failing after the click.
import { useQuery } from '@tanstack/react-query';
import { unwrap, type Schemas } from './client';
import { useApi } from './context';

export type ProjectAccess = Schemas['ProjectAccess'];
export type ProjectRole = Schemas['ProjectRole'];

const RANK: Record<ProjectRole, number> = { viewer: 0, contributor: 1, admin: 2 };

export function useProjectAccess(projectId: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['project', projectId, 'access'],
    enabled,
    queryFn: () => unwrap(api.environments.GET('/api/v1/projects/{projectId}/access', { params: { path: { projectId } } })),
    staleTime: 30_000,
  });
}

/**
 * Why the caller may not do what needs `needed` on the project, in the words of the services'
 * ProjectAuthorization; undefined when they may, or when the access is not known (yet): then the
 * service decides and its refusal is shown.
 */
export function roleRefusal(projectId: string, access: ProjectAccess | undefined, needed: ProjectRole): string | undefined {
  if (!access) return undefined;
  if (!access.role) {
    return access.support ? 'Support reads every project but changes one only through tickets or as a member.' : undefined;
  }
  if (RANK[access.role] >= RANK[needed]) return undefined;
  return `This needs the ${needed} role on project ${projectId}; you are ${access.role}.`;
}

/** TKT-4, in ticket-service's words: members from contributor up open tickets. */
export function ticketRefusal(access: ProjectAccess | undefined): string | undefined {
  if (!access) return undefined;
  if (access.role && RANK[access.role] >= RANK.contributor) return undefined;
  return 'Opening a ticket takes the contributor role in the project.';
}

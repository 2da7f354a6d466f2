import type { Environment } from '../api/client';

export interface TreeNode {
  environment: Environment;
  children: TreeNode[];
}

export interface EnvironmentTree {
  /** Production first, then Staging: the dedicated tier above Integration (ENV-5, ENV-6). */
  tier: Environment[];
  /** Integration environments from their roots (master), each with its children. */
  integration: TreeNode[];
}

/**
 * Arranges a project's environments. A child whose parent is not in the list (not yet listed, or
 * on another page) is shown as a root rather than lost.
 */
export function buildEnvironmentTree(environments: Environment[]): EnvironmentTree {
  const tierOrder = { PRODUCTION: 0, STAGING: 1 } as Record<string, number>;
  const tier = environments.filter((e) => e.type === 'PRODUCTION' || e.type === 'STAGING')
    .sort((a, b) => tierOrder[a.type!] - tierOrder[b.type!]);
  const integration = environments.filter((e) => e.type === 'INTEGRATION');
  const nodes = new Map(integration.map((e) => [e.id, { environment: e, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.environment.parent ? nodes.get(node.environment.parent) : undefined;
    (parent && parent !== node ? parent.children : roots).push(node);
  }
  const byId = (a: TreeNode, b: TreeNode) => (a.environment.id ?? '').localeCompare(b.environment.id ?? '');
  const sort = (list: TreeNode[]) => { list.sort(byId); list.forEach((n) => sort(n.children)); };
  sort(roots);
  // master first: the root of the tree (ENV-1).
  roots.sort((a, b) => Number(b.environment.id === 'master') - Number(a.environment.id === 'master'));
  return { tier, integration: roots };
}

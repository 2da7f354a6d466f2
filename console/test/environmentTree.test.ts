import { describe, expect, it } from 'vitest';
import type { Environment } from '../src/api/client';
import { buildEnvironmentTree } from '../src/components/environmentTree';

const env = (id: string, type: Environment['type'], parent: string | null = null): Environment =>
  ({ id, type, parent, status: 'ACTIVE', branch: id });

describe('buildEnvironmentTree', () => {
  it('puts Production then Staging in their own tier and Integration under its parents', () => {
    const tree = buildEnvironmentTree([
      env('feature-b', 'INTEGRATION', 'master'), env('staging', 'STAGING'), env('feature-a-1', 'INTEGRATION', 'feature-a'),
      env('master', 'INTEGRATION'), env('production', 'PRODUCTION'), env('feature-a', 'INTEGRATION', 'master'),
    ]);
    expect(tree.tier.map((e) => e.id)).toEqual(['production', 'staging']);
    expect(tree.integration.map((n) => n.environment.id)).toEqual(['master']);
    const master = tree.integration[0];
    expect(master.children.map((n) => n.environment.id)).toEqual(['feature-a', 'feature-b']);
    expect(master.children[0].children.map((n) => n.environment.id)).toEqual(['feature-a-1']);
  });

  it('shows a child whose parent is not listed as a root, after master', () => {
    const tree = buildEnvironmentTree([env('orphan', 'INTEGRATION', 'gone'), env('master', 'INTEGRATION')]);
    expect(tree.integration.map((n) => n.environment.id)).toEqual(['master', 'orphan']);
  });
});

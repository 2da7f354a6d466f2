import { describe, expect, it } from 'vitest';
import { actionState } from '../src/api/actions';

const refusal = { rule: 'ENV-4', status: 409, type: 'urn:slipway:problem:master-environment', detail: 'The master environment cannot be deactivated.' };

describe('actionState', () => {
  it('allows exactly what the view allows, and gives a refusal\'s detail with its rule', () => {
    const actions = [{ name: 'redeploy', allowed: true, refusal: null }, { name: 'deactivate', allowed: false, refusal }];
    expect(actionState(actions, 'redeploy')).toEqual({ allowed: true });
    expect(actionState(actions, 'deactivate')).toEqual({ allowed: false, reason: 'The master environment cannot be deactivated. (ENV-4)' });
  });

  it('offers nothing the view does not list', () => {
    expect(actionState([], 'approve')).toEqual({ allowed: false, reason: 'The service does not offer this action now.' });
    expect(actionState(undefined, 'merge').allowed).toBe(false);
  });
});

// What the caller may do next, as the services' views say it (the `NextAction` schema: an environment's
// branch, merge, ...; a ticket's approve, reject, ...): allowed, or refused with the problem the
// endpoint would answer now. The views are the one source of truth, so the console never restates a
// service's rules; a button is enabled exactly when its action is allowed.
import type { Schemas } from './client';

/** environment-service's; ticket-service's `NextAction` is the same record. */
export type Action = Schemas['NextAction'];

export interface ActionState {
  allowed: boolean;
  /** Why not, beside the disabled button: the refusal's detail and rule, e.g. "... (ENV-4)". */
  reason?: string;
}

/** The action `name` of a view's `actions`; one the view does not list is not offered. */
export function actionState(actions: readonly Action[] | undefined, name: string): ActionState {
  const action = actions?.find((a) => a.name === name);
  if (action?.allowed) return { allowed: true };
  const refusal = action?.refusal;
  if (!refusal?.detail) return { allowed: false, reason: 'The service does not offer this action now.' };
  return { allowed: false, reason: refusal.rule ? `${refusal.detail} (${refusal.rule})` : refusal.detail };
}

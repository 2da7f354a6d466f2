// "Never stale" (issue 12): while something runs, lists refresh every 2 s; otherwise every 10 s.
import type { Activity, Environment } from './client';

export const BUSY_INTERVAL_MS = 2000;
export const IDLE_INTERVAL_MS = 10000;

export function environmentIsBusy(environment: Environment): boolean {
  const deployment = environment.latestDeployment?.state;
  return environment.status === 'DIRTY' || environment.status === 'DELETING'
    || deployment === 'QUEUED' || deployment === 'RUNNING';
}

export function activityIsRunning(activity: Activity): boolean {
  return activity.state !== 'COMPLETE';
}

export function refreshInterval(busy: boolean): number {
  return busy ? BUSY_INTERVAL_MS : IDLE_INTERVAL_MS;
}

import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { unwrap, type Activity } from '../api/client';
import { useApi } from '../api/context';
import { activityIsRunning, BUSY_INTERVAL_MS } from '../api/refresh';
import { ProblemMessage } from './ProblemMessage';

/**
 * The activity an operation answered with (API-3), followed every 2 s until it is COMPLETE; its
 * state and result apart (a COMPLETE activity that failed reads as failed), and its log.
 * `onProgress` runs at each new state, so the page reloads what the activity changes.
 */
export function ActivityProgress({ projectId, activity, onProgress }:
  { projectId: string; activity: Activity; onProgress?: (activity: Activity) => void }) {
  const api = useApi();
  const followed = useQuery({
    queryKey: ['project', projectId, 'activity', activity.id],
    queryFn: () => unwrap(api.environments.GET('/api/v1/projects/{projectId}/activities/{activityId}',
      { params: { path: { projectId, activityId: activity.id! } } })),
    initialData: activity,
    refetchInterval: (query) => (query.state.data && activityIsRunning(query.state.data) ? BUSY_INTERVAL_MS : false),
  });
  const current = followed.data ?? activity;
  const failed = current.result === 'FAILURE';
  useEffect(() => { onProgress?.(current); }, [current.state, current.result]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <section aria-labelledby="last-activity-heading" className={`activity-progress${failed ? ' failed' : ''}`}>
      <h3 id="last-activity-heading">Activity {current.type}</h3>
      <p role="status">
        <span className={`badge state-${current.state?.toLowerCase()}`} title="State">
          <span className="visually-hidden">State: </span>{current.state}
        </span>
        <span className={`badge result-${(current.result ?? 'none').toLowerCase()}`} title="Result">
          <span className="visually-hidden">Result: </span>{current.result ? (failed ? 'FAILED' : 'SUCCEEDED') : 'pending'}
        </span>
        {' '}on <code>{current.environmentId}</code> by {current.createdBy}
      </p>
      <ProblemMessage error={followed.error} />
      {current.log && <pre className="activity-log">{current.log}</pre>}
    </section>
  );
}

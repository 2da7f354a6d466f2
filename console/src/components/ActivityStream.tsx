import type { Activity } from '../api/client';

/**
 * The project's activities, newest first, with state and result shown apart: a COMPLETE activity
 * that failed reads as failed (platformsh-docs#4356).
 */
export function ActivityStream({ activities }: { activities: Activity[] }) {
  if (activities.length === 0) return <p>No activity yet.</p>;
  return (
    <ol className="activities">
      {activities.map((a) => {
        const failed = a.result === 'FAILURE';
        return (
          <li key={a.id} className={failed ? 'activity failed' : 'activity'}>
            <span className="activity-type">{a.type}</span> on <code>{a.environmentId}</code>
            {' '}by {a.createdBy}
            <span className={`badge state-${a.state?.toLowerCase()}`} title="State">
              <span className="visually-hidden">State: </span>{a.state}
            </span>
            {a.result
              ? <span className={`badge result-${a.result.toLowerCase()}`} title="Result">
                  <span className="visually-hidden">Result: </span>{failed ? 'FAILED' : 'SUCCEEDED'}
                </span>
              : <span className="badge result-none" title="Result"><span className="visually-hidden">Result: </span>pending</span>}
            <time dateTime={a.createdAt}>{a.createdAt ? new Date(a.createdAt).toLocaleString() : ''}</time>
            {failed && a.log && (
              <details>
                <summary>Log</summary>
                <pre>{a.log}</pre>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}

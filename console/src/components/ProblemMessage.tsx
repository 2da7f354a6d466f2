import { ApiProblem } from '../api/client';

/** An error as the API gave it: the problem's title and detail (API-2), and each violation. */
export function ProblemMessage({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiProblem) {
    return (
      <div role="alert" className="problem">
        <strong>{error.title}</strong>
        {error.detail && <p>{error.detail}</p>}
        {error.violations.length > 0 && (
          <ul>
            {error.violations.map((v, i) => <li key={i}>{v.field ? `${v.field}: ` : ''}{v.message}</li>)}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div role="alert" className="problem">
      <strong>The request did not reach the API</strong>
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </div>
  );
}

import { environmentHref, projectHref } from '../router';

/** The way back from a page of a project, or of one of its environments: the project, then the environment. */
export function BackLinks({ projectId, environmentId }: { projectId: string; environmentId?: string }) {
  return (
    <p>
      <a href={projectHref(projectId)}>← {projectId}</a>
      {environmentId && <> · <a href={environmentHref(projectId, environmentId)}>{environmentId}</a></>}
    </p>
  );
}

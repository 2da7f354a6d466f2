import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/context';
import { unwrap } from '../api/client';
import { IDLE_INTERVAL_MS } from '../api/refresh';
import { newIdempotencyKey } from '../api/idempotency';
import { ProblemMessage } from '../components/ProblemMessage';
import { projectHref } from '../router';

/** The projects the user is a member of (support: every project), and a form to create one (ENV-1). */
export function ProjectsPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const projects = useQuery({
    queryKey: ['projects'],
    queryFn: () => unwrap(api.environments.GET('/api/v1/projects', { params: { query: { limit: '100' } } })),
    refetchInterval: IDLE_INTERVAL_MS,
  });
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  // API-6: one key per form content, so a resubmission after a lost answer creates nothing twice;
  // a changed form gets a new key (the same key with another body would be 422).
  const [idempotencyKey, setIdempotencyKey] = useState(() => newIdempotencyKey());
  const create = useMutation({
    mutationFn: () => unwrap(api.environments.POST('/api/v1/projects', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: { id: id.trim(), ...(title.trim() ? { title: title.trim() } : {}) },
    })),
    onSuccess: async (project) => {
      setId('');
      setTitle('');
      setIdempotencyKey(newIdempotencyKey());
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
      if (project?.id) window.location.hash = projectHref(project.id);
    },
  });
  const onCreate = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <main>
      <h1>Projects</h1>
      <section aria-labelledby="project-list-heading">
        <h2 id="project-list-heading">Your projects</h2>
        {projects.isPending && <p role="status">Loading projects…</p>}
        <ProblemMessage error={projects.error} />
        {projects.data && projects.data.items?.length === 0 && <p>No projects yet: create one below.</p>}
        {projects.data && (projects.data.items?.length ?? 0) > 0 && (
          <ul className="projects">
            {projects.data.items!.map((p) => (
              <li key={p.id}>
                <a href={projectHref(p.id!)}>{p.title || p.id}</a> <code>{p.id}</code>
                <span className="muted"> · created by {p.createdBy}</span>
              </li>
            ))}
          </ul>
        )}
        {projects.data?.next && <p className="muted">More projects exist than shown here (first 100).</p>}
      </section>
      <section aria-labelledby="create-project-heading">
        <h2 id="create-project-heading">Create a project</h2>
        <form onSubmit={onCreate}>
          <label htmlFor="project-id">Project id</label>
          <input id="project-id" value={id} onChange={(e) => { setId(e.target.value); setIdempotencyKey(newIdempotencyKey()); }} required
                 aria-describedby="project-id-help" autoComplete="off" />
          <p id="project-id-help" className="help">3-32 lowercase letters and digits, starting with a letter (ENV-1).</p>
          <label htmlFor="project-title">Title (optional)</label>
          <input id="project-title" value={title} maxLength={200}
                 onChange={(e) => { setTitle(e.target.value); setIdempotencyKey(newIdempotencyKey()); }} />
          <ProblemMessage error={create.error} />
          <button type="submit" disabled={create.isPending}>{create.isPending ? 'Creating…' : 'Create project'}</button>
        </form>
      </section>
    </main>
  );
}

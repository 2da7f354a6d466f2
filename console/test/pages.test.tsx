import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProjectsPage } from '../src/pages/ProjectsPage';
import { ProjectOverview } from '../src/pages/ProjectOverview';
import { fakeFetch, json, problem, renderWithApi } from './helpers';

describe('ProjectsPage', () => {
  it('lists the projects with links to their overview', async () => {
    const fake = fakeFetch({
      'GET /api/v1/projects': () => json(200, { items: [{ id: 'shop', title: 'My shop', createdBy: 'alice' }], next: null }),
    });
    renderWithApi(<ProjectsPage />, fake.fetch);
    const link = await screen.findByRole('link', { name: 'My shop' });
    expect(link).toHaveAttribute('href', '#/projects/shop');
  });

  it('creates a project from the keyboard and opens it', async () => {
    let created = false;
    const fake = fakeFetch({
      'GET /api/v1/projects': () => json(200, { items: created ? [{ id: 'shop', title: 'Shop' }] : [], next: null }),
      'POST /api/v1/projects': () => { created = true; return json(201, { id: 'shop', title: 'Shop' }); },
    });
    renderWithApi(<ProjectsPage />, fake.fetch);
    const user = userEvent.setup();
    await screen.findByText('No projects yet: create one below.');
    await user.type(screen.getByLabelText('Project id'), 'shop');
    await user.type(screen.getByLabelText('Title (optional)'), 'Shop{Enter}');
    await waitFor(() => expect(window.location.hash).toBe('#/projects/shop'));
    const post = fake.requests.find((r) => r.method === 'POST')!;
    expect(await post.json()).toEqual({ id: 'shop', title: 'Shop' });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await screen.findByRole('link', { name: 'Shop' })).toBeInTheDocument();
  });

  it('shows the problem title and detail when the API refuses', async () => {
    const fake = fakeFetch({
      'GET /api/v1/projects': () => json(200, { items: [], next: null }),
      'POST /api/v1/projects': () => problem(409, 'Conflict', 'Project shop already exists'),
    });
    renderWithApi(<ProjectsPage />, fake.fetch);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Project id'), 'shop');
    await user.click(screen.getByRole('button', { name: 'Create project' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Conflict');
    expect(alert).toHaveTextContent('Project shop already exists');
    expect(window.location.hash).toBe('');
    // A resubmission of the same form repeats its key (API-6); another id gets a new one.
    await user.click(screen.getByRole('button', { name: 'Create project' }));
    await user.type(screen.getByLabelText('Project id'), '2');
    await user.click(screen.getByRole('button', { name: 'Create project' }));
    await waitFor(() => expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(3));
    const keys = fake.requests.filter((r) => r.method === 'POST').map((r) => r.headers.get('Idempotency-Key'));
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});

describe('ProjectOverview', () => {
  it('shows the environment tree and activity, and refreshes within 2 s while something runs', async () => {
    let environmentCalls = 0;
    const fake = fakeFetch({
      'GET /api/v1/projects/shop': () => json(200, { id: 'shop', title: 'My shop' }),
      'GET /api/v1/projects/shop/environments': (request) => {
        if (new URL(request.url).searchParams.get('cursor') === 'p2') {
          return json(200, { items: [{ id: 'production', type: 'PRODUCTION', status: 'ACTIVE', branch: 'master', parent: null }], next: null });
        }
        environmentCalls++;
        return json(200, { items: [
          { id: 'master', type: 'INTEGRATION', status: 'ACTIVE', branch: 'master', parent: null },
          { id: 'feature', type: 'INTEGRATION', status: environmentCalls === 1 ? 'DIRTY' : 'ACTIVE', branch: 'feature', parent: 'master',
            latestDeployment: { id: 'd1', state: environmentCalls === 1 ? 'RUNNING' : 'SUCCEEDED' } },
        ], next: 'p2' });
      },
      'GET /api/v1/projects/shop/activities': () => json(200, { items: [
        { id: 'a1', type: 'environment.branch', environmentId: 'feature', createdBy: 'alice', state: 'COMPLETE', result: 'SUCCESS' },
      ], next: null }),
    });
    renderWithApi(<ProjectOverview projectId="shop" />, fake.fetch);
    expect(await screen.findByRole('heading', { level: 1, name: 'My shop' })).toBeInTheDocument();
    const feature = await screen.findByLabelText('feature, dirty');
    expect(within(feature).getByText('RUNNING')).toBeInTheDocument();
    // No reload: the DIRTY environment makes the list refresh itself within 2 s.
    expect(await screen.findByLabelText('feature, active', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(within(screen.getByLabelText('feature, active')).getByText('SUCCEEDED')).toBeInTheDocument();
    expect(screen.getByText('environment.branch')).toBeInTheDocument();
    // The second page of environments is part of the tree too.
    expect(within(screen.getByRole('region', { name: 'Staging and Production' })).getByLabelText('production, active')).toBeInTheDocument();
    expect(fake.requests.every((r) => r.headers.get('Authorization') === 'Bearer test-token')).toBe(true);
  });

  it('shows the problem when the project is not found', async () => {
    const fake = fakeFetch({
      'GET /api/v1/projects/nope': () => problem(404, 'Not Found', 'No project nope'),
      'GET /api/v1/projects/nope/environments': () => problem(404, 'Not Found', 'No project nope'),
      'GET /api/v1/projects/nope/activities': () => problem(404, 'Not Found', 'No project nope'),
    });
    renderWithApi(<ProjectOverview projectId="nope" />, fake.fetch);
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(3));
    expect(screen.getAllByRole('alert')[0]).toHaveTextContent('No project nope');
  });
});

import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeploymentLogPage } from '../src/pages/DeploymentLogPage';
import { parseRoute } from '../src/router';
import { fakeFetch, json, renderWithApi } from './helpers';

const sse = (...events: string[]) => new Response(new ReadableStream<Uint8Array>({
  start(controller) {
    for (const e of events) controller.enqueue(new TextEncoder().encode(e));
    controller.close();
  },
}), { status: 200, headers: { 'Content-Type': 'text/event-stream' } });

const line = (seq: number, phase: string, node: number | null, text: string, stream = 'out') =>
  `id: ${seq}\nevent: line\ndata: ${JSON.stringify({ seq, phase, node, stream, text })}\n\n`;

describe('DeploymentLogPage', () => {
  it('puts the failing phase, node and exit code on top and shows each line linkable, with phases and nodes', async () => {
    const failed = { id: 'd1', environmentId: 'production', state: 'FAILED', trigger: 'TICKET', requestedBy: 'sam',
      phase: 'DEPLOY', failedNode: 2, exitCode: 127, detail: 'deploy hook failed on node 2' };
    const fake = fakeFetch({
      'GET /api/v1/projects/shop/deployments/d1': () => json(200, { ...failed, state: 'RUNNING' }),
      'GET /api/v1/projects/shop/deployments/d1/log/stream': () => sse(
        line(1, 'BUILD', null, 'composer install'),
        line(2, 'DEPLOY', 1, 'node 1 ok'),
        line(3, 'DEPLOY', 2, 'sh: magento: not found', 'err'),
        `event: end\ndata: ${JSON.stringify(failed)}\n\n`),
    });
    renderWithApi(<DeploymentLogPage projectId="shop" deploymentId="d1" line={2} />, fake.fetch);
    expect(await screen.findByText('3 lines')).toBeInTheDocument();
    // The end event's deployment replaces the RUNNING one without waiting for a refresh.
    const failure = await screen.findByRole('alert');
    expect(failure).toHaveTextContent('Failed in phase DEPLOY on node 2 with exit code 127');
    expect(failure).toHaveTextContent('deploy hook failed on node 2');
    const log = screen.getByRole('list', { name: 'Deployment log' });
    const items = within(log).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('BUILD');
    expect(items[1]).toHaveTextContent('DEPLOY');
    expect(items[2]).toHaveTextContent('node 2');
    expect(items[2]).not.toHaveTextContent('DEPLOY');
    expect(items[1]).toHaveAttribute('aria-current', 'true');
    expect(within(items[2]).getByRole('link', { name: 'Line 3' })).toHaveAttribute('href', '#/projects/shop/deployments/d1/lines/3');
    expect(fake.requests.find((r) => r.url.endsWith('/log/stream'))!.headers.get('Authorization')).toBe('Bearer test-token');
  });

  it('reconnects after a dropped stream with Last-Event-ID of the last line, losing none and showing none twice', async () => {
    const failed = { id: 'd1', projectId: 'shop', environmentId: 'production', state: 'FAILED', trigger: 'TICKET',
      phase: 'DEPLOY', failedNode: 2, exitCode: 3, detail: 'DEPLOY on node 2 failed with exit code 3: hooks.deploy' };
    let streams = 0;
    const fake = fakeFetch({
      'GET /api/v1/projects/shop/deployments/d1': () => json(200, { ...failed, state: 'RUNNING' }),
      'GET /api/v1/projects/shop/deployments/d1/log/stream': () => {
        streams++;
        // The first stream drops after two lines (no `end`); the second fails to connect; the third resumes.
        if (streams === 1) return sse(line(1, 'BUILD', null, 'composer install'), line(2, 'DEPLOY', 1, 'node 1 ok'));
        if (streams === 2) throw new TypeError('Failed to fetch');
        return sse(line(2, 'DEPLOY', 1, 'node 1 ok'), line(3, 'DEPLOY', 2, 'sh: magento: not found', 'err'),
          line(4, 'DEPLOY', 2, 'exit 3'), `event: end\ndata: ${JSON.stringify(failed)}\n\n`);
      },
    });
    renderWithApi(<DeploymentLogPage projectId="shop" deploymentId="d1" reconnectDelayMs={5} />, fake.fetch);
    expect(await screen.findByText('4 lines', {}, { timeout: 3000 })).toBeInTheDocument();
    const streamRequests = fake.requests.filter((r) => r.url.endsWith('/log/stream'));
    expect(streamRequests.map((r) => r.headers.get('Last-Event-ID'))).toEqual([null, '2', '2']);
    const items = within(screen.getByRole('list', { name: 'Deployment log' })).getAllByRole('listitem');
    expect(items.map((i) => within(i).getByRole('link').textContent)).toEqual(['1', '2', '3', '4']);
    // The failure on top names phase, node and exit code, and leads to the failing line.
    const failure = screen.getByRole('alert');
    expect(failure).toHaveTextContent('Failed in phase DEPLOY on node 2 with exit code 3');
    expect(within(failure).getByRole('link', { name: 'Go to line 3' })).toHaveAttribute('href', '#/projects/shop/deployments/d1/lines/3');
    expect(screen.getByRole('navigation', { name: 'Phases' })).toHaveTextContent('BUILD (1)DEPLOY (3)');
  });

  it('stops following on a refusal, which asking again would not change', async () => {
    const fake = fakeFetch({
      'GET /api/v1/projects/shop/deployments/d1': () => json(200, { id: 'd1', state: 'RUNNING' }),
      'GET /api/v1/projects/shop/deployments/d1/log/stream': () => json(404, { title: 'Not Found', status: 404, detail: 'No deployment d1' }),
    });
    renderWithApi(<DeploymentLogPage projectId="shop" deploymentId="d1" reconnectDelayMs={5} />, fake.fetch);
    expect(await screen.findByRole('alert')).toHaveTextContent('No deployment d1');
    expect(screen.getByText('0 lines')).toBeInTheDocument();
    expect(fake.requests.filter((r) => r.url.endsWith('/log/stream'))).toHaveLength(1);
  });

  it('filters the lines by phase and node', async () => {
    const fake = fakeFetch({
      'GET /api/v1/projects/shop/deployments/d1': () => json(200, { id: 'd1', state: 'SUCCEEDED' }),
      'GET /api/v1/projects/shop/deployments/d1/log/stream': () => sse(line(1, 'BUILD', null, 'b'), line(2, 'DEPLOY', 1, 'n1'),
        line(3, 'DEPLOY', 2, 'n2'), `event: end\ndata: ${JSON.stringify({ id: 'd1', state: 'SUCCEEDED' })}\n\n`),
    });
    renderWithApi(<DeploymentLogPage projectId="shop" deploymentId="d1" />, fake.fetch);
    await screen.findByText('3 lines');
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Node'), '2');
    expect(within(screen.getByRole('list', { name: 'Deployment log' })).getAllByRole('listitem').map((i) => i.textContent))
      .toEqual(['DEPLOY3node 2n2']);
  });

  it('is reached by the link of a line', () => {
    expect(parseRoute('#/projects/shop/deployments/d1/lines/3')).toEqual({ page: 'deployment', projectId: 'shop', deploymentId: 'd1', line: 3 });
    expect(parseRoute('#/projects/shop/deployments/d1')).toEqual({ page: 'deployment', projectId: 'shop', deploymentId: 'd1' });
  });
});

import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
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

  it('is reached by the link of a line', () => {
    expect(parseRoute('#/projects/shop/deployments/d1/lines/3')).toEqual({ page: 'deployment', projectId: 'shop', deploymentId: 'd1', line: 3 });
    expect(parseRoute('#/projects/shop/deployments/d1')).toEqual({ page: 'deployment', projectId: 'shop', deploymentId: 'd1' });
  });
});

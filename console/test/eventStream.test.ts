import { describe, expect, it } from 'vitest';
import { createApi } from '../src/api/client';
import { followDeploymentLog, readEventStream, type ServerSentEvent } from '../src/api/eventStream';
import { fakeFetch, problem } from './helpers';

/** A body that arrives in these pieces, split wherever the test says (even inside a character). */
function body(...pieces: (string | Uint8Array)[]) {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece);
      controller.close();
    },
  });
}

async function collect<T>(events: AsyncGenerator<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('readEventStream', () => {
  it('parses events split across pieces, with CRLF, CR and LF line ends, comments and multi-line data', async () => {
    const euro = new TextEncoder().encode('€');
    const events = await collect(readEventStream(body(
      ': keep-alive\n\nid: 1\nevent: li', 'ne\ndata: {"text":"a"}\r', '\n\r\n',
      'event: line\r', '\nid: 2\rdata:first\rdata: second ', euro.slice(0, 1), euro.slice(1), '\r\r',
      'data: no event name\n\n',
      'data: unterminated at the end',
    )));
    expect(events).toEqual<ServerSentEvent[]>([
      { event: 'line', id: '1', data: '{"text":"a"}' },
      { event: 'line', id: '2', data: 'first\nsecond €' },
      { event: 'message', id: '2', data: 'no event name' },
    ]);
  });
});

describe('followDeploymentLog', () => {
  it('sends the token and Last-Event-ID, yields the lines and stops at end', async () => {
    const fake = fakeFetch({
      'GET /api/v1/projects/shop/deployments/d1/log/stream': () => new Response(body(
        'id: 8\nevent: line\ndata: {"seq":8,"phase":"BUILD","node":null,"stream":"out","text":"composer install"}\n\n',
        'event: end\ndata: {"id":"d1","state":"FAILED"}\n\n',
        'event: line\ndata: {"seq":99}\n\n',
      ), { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    });
    const api = createApi({ baseUrl: 'http://console.test', token: () => 'tok', fetch: fake.fetch });
    const events = await collect(followDeploymentLog(api, 'shop', 'd1', { lastEventId: '7' }));
    expect(events).toEqual([
      { kind: 'line', id: '8', line: { seq: 8, phase: 'BUILD', node: null, stream: 'out', text: 'composer install' } },
      { kind: 'end', deployment: { id: 'd1', state: 'FAILED' } },
    ]);
    expect(fake.requests[0].headers.get('Authorization')).toBe('Bearer tok');
    expect(fake.requests[0].headers.get('Last-Event-ID')).toBe('7');
  });

  it('throws the problem when the log cannot be followed', async () => {
    const fake = fakeFetch({
      'GET /api/v1/projects/shop/deployments/d9/log/stream': () => problem(404, 'Not Found', 'No deployment d9'),
    });
    const api = createApi({ baseUrl: 'http://console.test', token: () => 'tok', fetch: fake.fetch });
    await expect(collect(followDeploymentLog(api, 'shop', 'd9'))).rejects.toMatchObject({ status: 404, detail: 'No deployment d9' });
  });
});

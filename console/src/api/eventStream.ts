// Server-sent events read with fetch: the browser's EventSource cannot send the Authorization
// header (SEC-1), so the console parses the stream itself, as the HTML standard's
// "event stream interpretation" says: lines end with CRLF, LF or CR; "field: value"; data lines
// joined with LF; a blank line dispatches; lines starting with ':' are comments.
import type { Api } from './client';
import { ApiProblem } from './client';
import type { components as DeploymentComponents } from '../generated/deployment-service';

export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

export async function* readEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | undefined;
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      // A CR at the very end may be the first half of a CRLF: wait for the next piece.
      let end: number;
      while ((end = buffer.search(/\r\n|\n|\r(?!$)/)) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
        if (line === '') {
          if (data.length > 0) yield { event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) };
          data = [];
          event = '';
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(value);
        else if (field === 'event') event = value;
        else if (field === 'id' && !value.includes('\0')) id = value;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

export type DeploymentLogLine = DeploymentComponents['schemas']['DeploymentLogLine'];
export type Deployment = DeploymentComponents['schemas']['Deployment'];
export type DeploymentLogEvent =
  | { kind: 'line'; id?: string; line: DeploymentLogLine }
  | { kind: 'end'; deployment: Deployment };

/**
 * A deployment's log, live (DEP-8): each `line` event, then `end` with the finished deployment.
 * `lastEventId` resumes after a line already shown; `signal` stops following.
 */
export async function* followDeploymentLog(api: Api, projectId: string, deploymentId: string,
  options: { lastEventId?: string; signal?: AbortSignal } = {}): AsyncGenerator<DeploymentLogEvent> {
  const { data, error, response } = await api.deployments.GET('/api/v1/projects/{projectId}/deployments/{deploymentId}/log/stream', {
    params: { path: { projectId, deploymentId }, header: options.lastEventId ? { 'Last-Event-ID': options.lastEventId } : {} },
    headers: { Accept: 'text/event-stream' },
    parseAs: 'stream',
    signal: options.signal,
  });
  if (!response.ok || !data) throw new ApiProblem(response.status, typeof error === 'object' && error ? error : undefined);
  for await (const event of readEventStream(data as ReadableStream<Uint8Array>)) {
    if (event.event === 'line') yield { kind: 'line', id: event.id, line: JSON.parse(event.data) };
    else if (event.event === 'end') {
      yield { kind: 'end', deployment: JSON.parse(event.data) };
      return;
    }
  }
}

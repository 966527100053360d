/**
 * A tiny scripted HTTP/2 cleartext server for tests of the Bedrock client: each request
 * is answered by the next step of a script (a JSON answer, a Bedrock-shaped error, an event
 * stream, a hang or a dropped connection). It listens on 127.0.0.1 only.
 */
import { eventFrame } from '../../src/local-bedrock/event-stream';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';

export type Step =
  | { kind: 'json'; body: unknown }
  | { kind: 'error'; status: number; type: string; message: string }
  | { kind: 'stream'; events: [string, unknown][]; gapMs?: number }
  | { kind: 'hang' }
  | { kind: 'reset' };

export const CONVERSE_OK = {
  output: { message: { role: 'assistant', content: [{ text: 'hi there' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
  metrics: { latencyMs: 5 },
};

export async function startScriptedServer(script: Step[]) {
  const requests: { path: string; body: string }[] = [];
  const server = http2.createServer();
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  server.on('stream', (stream, headers) => {
    let body = '';
    stream.on('data', (c) => (body += c));
    stream.on('error', () => {});
    stream.on('end', async () => {
      requests.push({ path: String(headers[':path']), body });
      const step = script.shift() ?? { kind: 'json', body: CONVERSE_OK };
      switch (step.kind) {
        case 'json':
          stream.respond({ ':status': 200, 'content-type': 'application/json' });
          stream.end(JSON.stringify(step.body));
          break;
        case 'error':
          stream.respond({
            ':status': step.status,
            'content-type': 'application/json',
            'x-amzn-errortype': `${step.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
          });
          stream.end(JSON.stringify({ message: step.message }));
          break;
        case 'stream':
          stream.respond({ ':status': 200, 'content-type': 'application/vnd.amazon.eventstream' });
          for (const [type, payload] of step.events) {
            if (step.gapMs) await new Promise((r) => setTimeout(r, step.gapMs));
            stream.write(eventFrame(type, payload));
          }
          stream.end();
          break;
        case 'hang':
          break;
        case 'reset':
          stream.session?.destroy();
          break;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Close open sessions (a hanging stream would keep the server alive).
        for (const s of sessions) s.destroy();
      });
    },
  };
}

/**
 * A client that misbehaves on purpose, over HTTP/1.1 (a raw socket, so it can lie about
 * Content-Length, stream without end or hang up mid-body) and over h2c (one shared session,
 * streams it can reset mid-body). Each request resolves with the status and body the
 * endpoint answered, or with `status: undefined` when the client hung up first.
 */
import http2 from 'node:http2';
import net from 'node:net';

export type Delivery =
  /** send the whole body and wait for the answer */
  | 'whole'
  /** send part of the body, then hang up (HTTP/1.1: close the socket; h2: RST_STREAM CANCEL) */
  | 'abort-mid-body'
  /** declare a Content-Length over the endpoint's limit, send a little, wait for the answer */
  | 'declare-oversize'
  /** stream (no Content-Length) more than the limit, in 64 KB pieces, until the endpoint answers */
  | 'stream-oversize';

export interface HostileRequest {
  transport: 'h1' | 'h2';
  method: 'GET' | 'POST';
  path: string;
  contentType?: string;
  body: Buffer;
  delivery: Delivery;
}

export interface HostileAnswer {
  status?: number;
  body: string;
}

const CHUNK = Buffer.alloc(64 * 1024, 0x61);
/** A client-side cap on any single exchange (the endpoint answers long before it). */
const GIVE_UP_MS = 10_000;

/** Until the writable side drains or closes (listeners removed either way). */
function drained(emitter: NodeJS.EventEmitter): Promise<void> {
  return new Promise((ok) => {
    const done = () => {
      emitter.off('drain', done);
      emitter.off('close', done);
      ok();
    };
    emitter.on('drain', done);
    emitter.on('close', done);
  });
}

/** One hostile request. `limit` is the endpoint's maxBodyBytes (what "oversize" must pass). */
export function sendHostile(url: string, session: http2.ClientHttp2Session, r: HostileRequest, limit: number): Promise<HostileAnswer> {
  return r.transport === 'h1' ? sendH1(url, r, limit) : sendH2(session, r, limit);
}

function sendH1(url: string, r: HostileRequest, limit: number): Promise<HostileAnswer> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    const received: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(giveUp);
      socket.destroy();
      const text = Buffer.concat(received).toString('utf8');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : undefined, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    };
    const giveUp = setTimeout(finish, GIVE_UP_MS);
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('data', (d: Buffer) => {
      received.push(d);
      const text = Buffer.concat(received).toString('latin1');
      const headEnd = text.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const length = /\r\ncontent-length: (\d+)/i.exec(text.slice(0, headEnd))?.[1];
      if (length !== undefined && Buffer.concat(received).length >= headEnd + 4 + Number(length)) finish();
    });
    const type = r.contentType === undefined ? '' : `Content-Type: ${r.contentType}\r\n`;
    const head = (framing: string) => `${r.method} ${r.path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n${type}${framing}\r\n`;
    socket.once('connect', async () => {
      switch (r.delivery) {
        case 'whole':
          socket.write(head(`Content-Length: ${r.body.length}\r\n`));
          socket.write(r.body);
          return;
        case 'abort-mid-body':
          socket.write(head(`Content-Length: ${r.body.length + 100}\r\n`));
          socket.write(r.body.subarray(0, Math.floor(r.body.length / 2)), () => setTimeout(finish, 5));
          return;
        case 'declare-oversize':
          socket.write(head(`Content-Length: ${limit + 1 + r.body.length}\r\n`));
          socket.write(r.body);
          return;
        case 'stream-oversize': {
          socket.write(head('Transfer-Encoding: chunked\r\n'));
          const piece = Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')]);
          for (let sent = 0; sent <= limit + CHUNK.length && !settled && !socket.destroyed; sent += CHUNK.length) {
            if (!socket.write(piece)) await drained(socket);
          }
          return;
        }
      }
    });
  });
}

function sendH2(session: http2.ClientHttp2Session, r: HostileRequest, limit: number): Promise<HostileAnswer> {
  return new Promise((resolve) => {
    const headers: http2.OutgoingHttpHeaders = { ':method': r.method, ':path': r.path };
    if (r.contentType !== undefined) headers['content-type'] = r.contentType;
    if (r.delivery === 'whole') headers['content-length'] = String(r.body.length);
    if (r.delivery === 'declare-oversize') headers['content-length'] = String(limit + 1 + r.body.length);
    const stream = session.request(headers, { endStream: false }); // a GET may carry a body too
    const received: Buffer[] = [];
    let status: number | undefined;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(giveUp);
      if (!stream.destroyed) stream.close(http2.constants.NGHTTP2_CANCEL);
      resolve({ status, body: Buffer.concat(received).toString('utf8') });
    };
    const giveUp = setTimeout(finish, GIVE_UP_MS);
    stream.on('response', (h) => (status = Number(h[':status'])));
    stream.on('data', (d: Buffer) => received.push(d));
    stream.on('end', finish);
    stream.on('close', finish);
    stream.on('error', finish);
    void (async () => {
      switch (r.delivery) {
        case 'whole':
          stream.end(r.body);
          return;
        case 'abort-mid-body':
          stream.write(r.body.subarray(0, Math.floor(r.body.length / 2)), () => setTimeout(finish, 5));
          return;
        case 'declare-oversize':
          stream.write(r.body);
          return;
        case 'stream-oversize':
          for (let sent = 0; sent <= limit + CHUNK.length && !settled && !stream.destroyed; sent += CHUNK.length) {
            if (!stream.write(CHUNK)) await drained(stream);
          }
          return;
      }
    })();
  });
}

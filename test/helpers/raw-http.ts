/** A plain HTTP/1.1 request (no SDK) returning status, headers and the body as bytes and text. */
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
  body: string;
  json(): Record<string, unknown>;
}

export function raw(url: string, options: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers: { 'content-type': 'application/json', ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const body = bytes.toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, body, json: () => JSON.parse(body) });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** POST a JSON body to /model/{id}/{op}. */
export function postModel(
  base: string,
  modelId: string,
  op: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return raw(`${base}/model/${encodeURIComponent(modelId)}/${op}`, {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers,
  });
}

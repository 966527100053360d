import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';

test('npm run local-bedrock prints the URL and the two variables, serves, and stops on Ctrl-C', async () => {
  const child = spawn(process.execPath, [path.resolve(__dirname, '..', 'dist', 'bin', 'local-bedrock.js'), '--port', '0'], {
    env: { ...process.env, LOCAL_BEDROCK_LATENCY_SCALE: '0' },
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 10_000);
    child.stdout.on('data', () => {
      const m = out.match(/AWS_ENDPOINT_URL_BEDROCK=(http:\/\/127\.0\.0\.1:\d+)/);
      if (m && out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  assert.match(out, new RegExp(`export AWS_ENDPOINT_URL_BEDROCK_RUNTIME=${url}`));
  assert.match(out, new RegExp(`export AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME=${url}`));
  const res = await fetch(`${url}/model/amazon.nova-micro-v1%3A0/converse`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Reply with OK' }] }] }),
  });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { output: { message: { content: { text: string }[] } } }).output.message.content[0].text, 'OK');
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  assert.equal(await exit, 0);
  assert.match(out, /SIGINT: stopping the local endpoint/);
});

test('a bad --port is one clear error', async () => {
  const child = spawn(process.execPath, [path.resolve(__dirname, '..', 'dist', 'bin', 'local-bedrock.js'), '--port', 'abc']);
  let err = '';
  child.stderr.on('data', (c) => (err += c));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 1);
  assert.match(err, /--port needs a port number between 0 and 65535 \(got abc\)/);
});

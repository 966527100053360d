/**
 * A local endpoint in a process of its own (started with `fork`), so a test can tell whether
 * a client can kill it — an unhandled error ends this process, not the test runner — and read
 * the endpoint's own memory. Options arrive as JSON in argv[2]; the parent gets
 * `{ url }` once it listens, and `{ rss }` for every `'rss'` message it sends.
 */
import { startLocalBedrock } from '../../src/local-bedrock';
import { testCatalog } from './test-catalog';

const options = JSON.parse(process.argv[2] ?? '{}');
void startLocalBedrock({ latencyScale: 0, catalog: testCatalog(), ...options }).then((lb) => {
  process.on('message', (m) => {
    if (m === 'rss') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send?.({ rss: process.memoryUsage().rss });
    }
    if (m === 'stop') void lb.stop().then(() => process.exit(0));
  });
  process.send?.({ url: lb.url });
});

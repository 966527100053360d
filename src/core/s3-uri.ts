/**
 * `s3://bucket/key` locations: read one, and map one onto a local folder.
 *
 * The Bedrock jobs (batch inference, Advanced Prompt Optimization) read their input from S3
 * and write their output there. Offline, the local endpoint keeps "S3" in a folder on disk —
 * `s3://bucket/key` is the file `<root>/bucket/key` — so the library writes a job's input
 * where the endpoint's emulated job reads it, and reads the output where it writes it.
 *
 * @example
 * parseS3Uri('s3://amzn-s3-demo-bucket/prompts/input.jsonl');
 * // → { bucket: 'amzn-s3-demo-bucket', key: 'prompts/input.jsonl' }
 * localS3Path('/tmp/s3', 's3://amzn-s3-demo-bucket/prompts/input.jsonl');
 * // → '/tmp/s3/amzn-s3-demo-bucket/prompts/input.jsonl'
 */
import path from 'node:path';
import { WorkshopError } from './errors';
import { m } from './i18n/messages';

export interface S3Location {
  bucket: string;
  /** The object key (or key prefix), without a leading slash; '' for the bucket itself. */
  key: string;
}

/** The bucket and key of an `s3://` URI, or a WorkshopError naming `setting` (the variable or key it came from). */
export function parseS3Uri(uri: string, setting = m().errors.data.s3TheUri): S3Location {
  const [, bucket, key] = uri.match(/^s3:\/\/([^/]+)\/?(.*)$/) ?? [];
  if (!bucket) throw new WorkshopError(m().errors.data.s3NotUri({ uri }), { fix: m().errors.data.s3NotUriFix({ setting }), key: setting });
  return { bucket, key };
}

/**
 * The local file that stands for `uri` under `root`. A bucket or key that would leave the
 * root (`..`, an absolute path) is refused.
 */
export function localS3Path(root: string, uri: string): string {
  const { bucket, key } = parseS3Uri(uri);
  const parts = [bucket, ...key.split('/').filter(Boolean)];
  if (parts.some((p) => p === '..' || p === '.'))
    throw new WorkshopError(m().errors.data.s3DotSegment({ uri }), {
      fix: m().errors.data.s3PlainFix,
    });
  const file = parts.reduce((dir, part) => path.join(dir, part), path.resolve(root));
  if (!file.startsWith(path.resolve(root) + path.sep))
    throw new WorkshopError(m().errors.data.s3LeavesRoot({ uri }), { fix: m().errors.data.s3PlainFix });
  return uri.endsWith('/') ? `${file}${path.sep}` : file;
}

/**
 * What every asynchronous Bedrock job of the workshop needs (batch inference in step 3,
 * Advanced Prompt Optimization in step 2): wait until the job reaches a final state, polling
 * rarely, and move files to and from its S3 location — on AWS through S3, offline through the
 * local endpoint's S3 folder (`s3://bucket/key` = `<s3Dir>/bucket/key`, core/s3-uri.ts).
 *
 * @example
 * const job = await pollUntilFinal(() => bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: arn })), {
 *   statusOf: (j) => j.status ?? '', final: ['Completed', 'Failed', 'Stopped'], what: `the batch job ${arn}`,
 * });
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { existsSync } from 'node:fs';
import { WorkshopError } from '../core/errors';
import { m } from '../core/i18n';
import { readTextUtf8, writeFileAtomic } from '../core/files';
import { displayPath } from '../core/paths';
import { localS3Path, parseS3Uri } from '../core/s3-uri';

export interface PollOptions<T> {
  /** The job's status in a Get response. */
  statusOf: (response: T) => string;
  /** States in which the job is over. */
  final: readonly string[];
  /** "the batch job arn:…", for the timeout message. */
  what: string;
  intervalMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called after each Get (progress lines in a notebook). */
  onStatus?: (status: string, elapsedMs: number) => void;
}

/** Call `get` every `intervalMs` until the job is in a final state; the last response. */
export async function pollUntilFinal<T>(get: () => Promise<T>, options: PollOptions<T>): Promise<T> {
  const { intervalMs = 60_000, timeoutMs = 24 * 3600_000, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) } = options;
  const started = Date.now();
  for (;;) {
    const response = await get();
    const status = options.statusOf(response);
    options.onStatus?.(status, Date.now() - started);
    if (options.final.includes(status)) return response;
    if (Date.now() - started > timeoutMs)
      throw new WorkshopError(
        m().errors.runs.jobStillRunning({ what: options.what, status: String(status), minutes: Math.round(timeoutMs / 60000) }),
        {
          fix: m().errors.runs.jobStillRunningFix,
        },
      );
    await sleep(intervalMs);
  }
}

/** Where a job's files go: real S3, or the local endpoint's folder that stands for it. */
export interface JobStorage {
  /** `s3` (AWS) or `local folder <path>`. */
  kind: string;
  put(uri: string, body: string | Uint8Array, contentType?: string): Promise<void>;
  /** The object's text, or null when it does not exist. */
  getText(uri: string): Promise<string | null>;
  /** Where a person finds the object (its URI on AWS, the file offline). */
  where(uri: string): string;
}

export function s3Storage(s3: S3Client): JobStorage {
  return {
    kind: 's3',
    async put(uri, body, contentType = 'application/jsonl') {
      const { bucket, key } = parseS3Uri(uri);
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async getText(uri) {
      const { bucket, key } = parseS3Uri(uri);
      try {
        const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return (await got.Body?.transformToString('utf8')) ?? '';
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    where: (uri) => uri,
  };
}

/** The local endpoint's S3 folder (offline). */
export function localStorage(s3Dir: string): JobStorage {
  return {
    kind: `local folder ${displayPath(s3Dir)}`,
    async put(uri, body) {
      writeFileAtomic(localS3Path(s3Dir, uri), body);
    },
    async getText(uri) {
      const file = localS3Path(s3Dir, uri);
      return existsSync(file) ? readTextUtf8(file, { what: 'the emulated S3 object' }) : null;
    },
    where: (uri) => displayPath(localS3Path(s3Dir, uri)),
  };
}

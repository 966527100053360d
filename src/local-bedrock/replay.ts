/**
 * Replay: the local endpoint serves a cassette recorded on AWS (src/core/cassette.ts,
 * docs/record-replay.md) to the unmodified SDK — real answers, real latencies, no account.
 *
 * 1. A request is looked up by its key (cassette.requestKey: method, path, query,
 *    `x-amzn-bedrock-*` headers, canonical body). A key recorded several times (a retry,
 *    repeated invocations) answers with its recorded responses in order, then repeats the
 *    last. A session of workshop step N takes the calls recorded in step N first, so a
 *    notebook replays its own step's recording whatever ran before it.
 * 2. The recorded response is paced as recorded, measured from the moment the request
 *    arrived: a whole response at its total time; a stream's headers at the time to first
 *    byte and each frame at its offset — every time multiplied by the latency scale
 *    (1 = as recorded, 0 = at once).
 * 3. A request the cassette lacks is refused with ResourceNotFoundException naming the call,
 *    the cassette and the nearest recorded call (`unmatched: 'error'`, the default), or left
 *    to the emulator (`unmatched: 'emulate'`; the session labels its rows accordingly).
 */
import {
  canonicalPath,
  describeCassette,
  firstDifference,
  operationOf,
  readCassette,
  requestKey,
  type Cassette,
  type CassetteEntry,
} from '../core/cassette';
import { displayPath } from '../core/paths';
import { BedrockError } from './errors';

export interface ReplayOptions {
  /** The cassette folder (manifest.json + interactions.jsonl). */
  folder: string;
  /** A request the cassette lacks: refused (`error`, default) or answered by the emulator (`emulate`). */
  unmatched?: 'error' | 'emulate';
  /** Prefer the calls recorded by this workshop step (1–5); null = recording order over the whole cassette. */
  step?: number | null;
}

export interface ReplayStats {
  /** Requests answered from the cassette. */
  replayed: number;
  /** Requests the cassette lacked, answered by the emulator. */
  emulated: number;
  /** Requests the cassette lacked, refused. */
  refused: number;
}

/** What replay needs of a response (server.ts's Responder). */
interface Sink {
  head(status: number, headers: Record<string, string>): void;
  write(chunk: Uint8Array | string): void;
  end(chunk?: Uint8Array | string): void;
}

type Headers = Record<string, string | string[] | undefined>;

export class Replay {
  readonly cassette: Cassette;
  readonly unmatched: 'error' | 'emulate';
  readonly step: number | null;
  readonly stats: ReplayStats = { replayed: 0, emulated: 0, refused: 0 };
  /** Key → the calls recorded under it (those with a response), in recording order; and per step. */
  private readonly byKey = new Map<string, { all: CassetteEntry[]; step: CassetteEntry[] }>();
  private readonly served = new Map<string, number>();

  constructor(
    options: ReplayOptions,
    private readonly scale: number,
    private readonly wait: (ms: number) => Promise<void>,
  ) {
    this.cassette = readCassette(options.folder);
    this.unmatched = options.unmatched ?? 'error';
    this.step = options.step ?? null;
    for (const e of this.cassette.entries) {
      if (!e.response) continue; // no response was recorded: nothing to replay
      let slot = this.byKey.get(e.key);
      if (!slot) {
        slot = { all: [], step: [] };
        this.byKey.set(e.key, slot);
      }
      slot.all.push(e);
      if (this.step !== null && e.step === this.step) slot.step.push(e);
    }
  }

  /** The next recorded call for a key: in order, then the last again. */
  private next(key: string): CassetteEntry | null {
    const slot = this.byKey.get(key);
    if (!slot) return null;
    const scoped = slot.step.length > 0;
    const queue = scoped ? slot.step : slot.all;
    const counter = scoped ? `${key}|${this.step}` : key;
    const n = this.served.get(counter) ?? 0;
    this.served.set(counter, n + 1);
    return queue[Math.min(n, queue.length - 1)];
  }

  /**
   * Answer a request from the cassette: true when served; false when the emulator should
   * answer (unmatched, `emulate`). Throws a BedrockError when unmatched under `error`.
   */
  async serve(method: string, rawUrl: string, headers: Headers, body: string, res: Sink, arrived: number): Promise<boolean> {
    const q = rawUrl.indexOf('?');
    const pathname = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const query: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : '')) query[k] = [...(query[k] ?? []), v];
    const key = requestKey({ method, path: pathname, query, headers, body });
    const entry = this.next(key);
    if (!entry) {
      if (this.unmatched === 'emulate') {
        this.stats.emulated++;
        return false;
      }
      this.stats.refused++;
      throw new BedrockError('ResourceNotFoundException', this.unmatchedMessage(method, pathname, body, key));
    }
    this.stats.replayed++;
    await this.play(entry, res, arrived);
    return true;
  }

  /** Send a recorded response at its recorded pace. */
  private async play(entry: CassetteEntry, res: Sink, arrived: number): Promise<void> {
    const r = entry.response!;
    const at = (ms: number) => this.wait(arrived + ms * this.scale - performance.now());
    if (r.frames) {
      await at(entry.timing.firstByteMs ?? r.frames[0]?.atMs ?? 0);
      res.head(r.status, { ...r.headers });
      for (const f of r.frames) {
        await at(f.atMs);
        res.write(Buffer.from(f.bytes, 'base64'));
      }
      await at(entry.timing.totalMs);
      res.end();
      return;
    }
    const bytes = r.body !== undefined ? Buffer.from(r.body, 'utf8') : Buffer.from(r.bodyBase64 ?? '', 'base64');
    await at(entry.timing.totalMs);
    res.head(r.status, { ...r.headers, 'content-length': String(bytes.length) });
    res.end(bytes);
  }

  /** "No recorded response for …": the call, the cassette, and the nearest recorded call of the same kind. */
  unmatchedMessage(method: string, pathname: string, body: string, key: string): string {
    const { operation, modelId } = operationOf(method, pathname);
    const m = this.cassette.manifest;
    const what = `${operation}${modelId ? ` of ${modelId}` : ''}`;
    const same = this.cassette.entries.filter(
      (e) => operationOf(e.request.method, e.request.path).operation === operation && e.modelId === modelId,
    );
    let hint: string;
    if (same.length === 0) {
      hint = `It recorded no ${what}${m.models.length ? ` (its models: ${m.models.join(', ')})` : ''}.`;
    } else {
      let sent: unknown = body;
      try {
        sent = JSON.parse(body);
      } catch {
        // compare as text
      }
      let nearest: ReturnType<typeof firstDifference> = null;
      for (const e of same.slice(0, 500)) {
        const d = firstDifference(e.request.body ?? e.request.bodyText ?? '', sent);
        if (d && (!nearest || d.path.length > nearest.path.length)) nearest = d;
      }
      hint = `It recorded ${same.length} ${what} call(s)${nearest ? `; the nearest differs at ${nearest.path}: recorded ${nearest.recorded}, sent ${nearest.sent}` : ' with other headers or query'}.`;
    }
    return (
      `No recorded response for ${what} (${method.toUpperCase()} ${canonicalPath(pathname)}, request key ${key.slice(0, 12)}) in ${describeCassette(m)} — ${displayPath(this.cassette.folder)}. ${hint} ` +
      'Fix: replay with the configuration and dataset the cassette was recorded with (its manifest.json names the models and the dataset), record this call on AWS (LOCAL_BEDROCK_RECORD), or set LOCAL_BEDROCK_REPLAY_UNMATCHED=emulate to let the emulator answer what the cassette lacks (labelled as emulated).'
    );
  }
}

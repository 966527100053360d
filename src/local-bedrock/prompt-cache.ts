/**
 * Prompt caching, as https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html
 * describes it:
 *
 * - a cache checkpoint (`cachePoint`) marks the end of a prompt prefix (tools, then system,
 *   then messages); it takes effect only when the prefix has at least the model's minimum
 *   number of tokens (model-support.ts) — below it the call succeeds and nothing is cached;
 * - the first call with a prefix writes it (`cacheWriteInputTokens`); a call within the time
 *   to live (5 minutes, or `ttl: "1h"`) whose prompt starts with the same prefix reads it
 *   (`cacheReadInputTokens`), and the hit resets the time to live;
 * - `inputTokens` counts only the tokens neither read nor written.
 *
 * Entries are per model and per exact prefix (any change is a miss). The clock is
 * injectable so tests can step past the time to live.
 */
import { createHash } from 'node:crypto';
import { estimateTokens } from '../core/tokens';
import type { ChatRequest } from './chat-request';
import { CACHE_TTL_MS, minimumCacheableTokens } from './model-support';

export interface CacheUsage {
  read: number;
  write: number;
}

const MAX_ENTRIES = 10_000;

export class PromptCache {
  private readonly entries = new Map<string, { expires: number; ttlMs: number }>();
  constructor(private readonly now: () => number) {}

  /** Look the request's checkpoints up, record new ones, and return the cached token counts. */
  apply(req: ChatRequest): CacheUsage {
    if (!req.checkpoints.length) return { read: 0, write: 0 };
    const min = minimumCacheableTokens(req.model);
    const now = this.now();
    // Token count and a running hash of the prompt up to each checkpoint.
    const hash = createHash('sha256').update(req.model.modelId);
    const points: { tokens: number; key: string; ttlMs: number }[] = [];
    let part = 0;
    let tokens = 0;
    for (const cp of [...req.checkpoints].sort((a, b) => a.afterParts - b.afterParts)) {
      for (; part < cp.afterParts; part++) {
        tokens += estimateTokens(req.promptParts[part]);
        hash.update(`\u0000${req.promptLabels[part]}\u0000`).update(req.promptParts[part]);
      }
      if (tokens >= min && (!points.length || tokens > points[points.length - 1].tokens)) {
        points.push({ tokens, key: hash.copy().digest('base64'), ttlMs: CACHE_TTL_MS[cp.ttl] ?? CACHE_TTL_MS['5m'] });
      }
    }
    if (!points.length) return { read: 0, write: 0 };
    let read = 0;
    for (const p of points) {
      const entry = this.entries.get(p.key);
      if (entry && entry.expires > now) {
        read = p.tokens;
        entry.expires = now + entry.ttlMs;
      }
    }
    const last = points[points.length - 1];
    const write = last.tokens > read ? last.tokens - read : 0;
    if (write > 0) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      for (const p of points) if (p.tokens > read) this.entries.set(p.key, { expires: now + p.ttlMs, ttlMs: p.ttlMs });
    }
    return { read, write };
  }
}

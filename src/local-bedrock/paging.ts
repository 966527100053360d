/**
 * Paging of the local endpoint's List operations, one way for all: Bedrock's `maxResults`
 * and `nextToken` checks (the API model's limits), the errors in its words, and an opaque
 * token (`offset:<n>`, base64url) that only this endpoint's earlier answer can give.
 *
 * @example
 * throwIfInvalid([maxResultsProblem(query), nextTokenProblem(query, '^\\S*$')]);
 * const { page, nextToken } = pageOf(all, query, 'ListInferenceProfiles');
 */
import { BedrockError } from './errors';

/** Largest `maxResults` the List operations accept, and their default. */
const MAX_RESULTS = 1000;

/** What is wrong with `maxResults`, in Bedrock's words (null when nothing). */
export function maxResultsProblem(query: URLSearchParams): string | null {
  const rawMax = query.get('maxResults');
  if (rawMax === null) return null;
  const max = Number(rawMax);
  if (!Number.isInteger(max)) return `Value '${rawMax}' at 'maxResults' failed to satisfy constraint: Member must be an integer`;
  if (max < 1 || max > MAX_RESULTS)
    return `Value '${rawMax}' at 'maxResults' failed to satisfy constraint: Member must have value ${max < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_RESULTS}`}`;
  return null;
}

/** What is wrong with `nextToken` (`pattern`: its pattern as the operation's API model writes it), or null. */
export function nextTokenProblem(query: URLSearchParams, pattern: string): string | null {
  const token = query.get('nextToken');
  if (token === null || /^\S{1,2048}$/.test(token)) return null;
  return `Value '${token}' at 'nextToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`;
}

/** One ValidationException listing every problem (nulls skipped), as Bedrock reports several at once. */
export function throwIfInvalid(found: readonly (string | null)[]): void {
  const problems = found.filter((p): p is string => p !== null);
  if (problems.length)
    throw new BedrockError(
      'ValidationException',
      `${problems.length} validation error${problems.length > 1 ? 's' : ''} detected: ${problems.join('; ')}`,
    );
}

/** The page of `all` that `maxResults` and `nextToken` ask for (checked first), and the token of the next one. */
export function pageOf<T>(all: readonly T[], query: URLSearchParams, operation?: string): { page: T[]; nextToken?: string } {
  const rawMax = query.get('maxResults');
  const max = rawMax === null ? MAX_RESULTS : Number(rawMax);
  const token = query.get('nextToken');
  let start = 0;
  if (token !== null) {
    const decoded = /^[A-Za-z0-9_-]+$/.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
    const m = decoded.match(/^offset:(\d+)$/);
    if (!m)
      throw new BedrockError(
        'ValidationException',
        `The provided pagination token is invalid. Use the nextToken value from a previous ${operation ? `${operation} ` : ''}response.`,
      );
    start = Number(m[1]);
  }
  const page = all.slice(start, start + max);
  return start + max < all.length ? { page, nextToken: Buffer.from(`offset:${start + max}`).toString('base64url') } : { page };
}

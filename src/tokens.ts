/**
 * Token estimate — the one tokenizer approximation used everywhere in this project
 * (cost estimates, context-window checks, and the `usage` figures of the local endpoint).
 *
 * Real models use different sub-word tokenizers (BPE, SentencePiece), so exact counts
 * differ per model. Providers' rule of thumb is "about 4 characters of English text per
 * token" (see https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-prepare.html
 * and Anthropic's token-counting docs). We refine it slightly so punctuation-heavy text
 * and long words count sensibly:
 *
 *   tokens(text) = Σ over pieces  ceil(length(piece) / 4)
 *
 * where a piece is a run of letters/digits or a single other non-space character.
 * "Hello, world!" → Hello(2) ,(1) world(2) !(1) = 6.
 *
 * It is an estimate for planning and teaching; against real Bedrock, use the
 * `usage` numbers the service returns.
 */
const PIECE = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/** Estimated number of tokens in `text` (0 for empty or whitespace-only text). */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  let total = 0;
  for (const match of text.matchAll(PIECE)) {
    total += Math.ceil(match[0].length / 4);
  }
  return total;
}

/** The first pieces of `text` whose estimated tokens add up to at most `maxTokens`. */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (maxTokens <= 0) return '';
  let total = 0;
  let end = 0;
  for (const match of text.matchAll(PIECE)) {
    const cost = Math.ceil(match[0].length / 4);
    if (total + cost > maxTokens) break;
    total += cost;
    end = (match.index ?? 0) + match[0].length;
  }
  return text.slice(0, end);
}

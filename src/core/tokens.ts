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
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

/** 1 = letter or digit, 2 = whitespace, 0 = anything else; ASCII answered without a regex. */
function charClass(code: number, ch: string): 0 | 1 | 2 {
  if (code < 128) {
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return 1;
    if (code === 32 || (code >= 9 && code <= 13)) return 2;
    return 0;
  }
  if (WORD_CHAR.test(ch)) return 1;
  return SPACE.test(ch) ? 2 : 0;
}

/**
 * Estimated number of tokens in `text` (0 for empty or whitespace-only text).
 * A single scan (this runs on every request of the local endpoint); it gives exactly the
 * result of the definition above, with lengths counted in UTF-16 code units.
 */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  let total = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is one character of two code units.
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    const ch = pair ? text.slice(i, i + 2) : text[i];
    const cls = charClass(code, ch);
    if (cls === 1) {
      run += ch.length;
    } else {
      if (run > 0) total += Math.ceil(run / 4);
      run = 0;
      if (cls === 0) total += 1;
    }
    if (pair) i++;
  }
  if (run > 0) total += Math.ceil(run / 4);
  return total;
}

/**
 * The start of `text` that costs exactly `maxTokens` estimated tokens when the text is longer —
 * the whole pieces that fit, then the start of the next word cut mid-word, as a model that
 * runs out of tokens stops mid-word (Bedrock then reports `outputTokens` = `maxTokens`).
 */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (maxTokens <= 0) return '';
  let total = 0;
  let end = 0;
  for (const match of text.matchAll(PIECE)) {
    const cost = Math.ceil(match[0].length / 4);
    if (total + cost > maxTokens) {
      // A word longer than what is left: its first (left × 4) code units, never half a surrogate pair.
      const left = maxTokens - total;
      if (left > 0 && WORD_CHAR.test(match[0])) {
        let part = match[0].slice(0, left * 4);
        const last = part.charCodeAt(part.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) part = part.slice(0, -1);
        end = (match.index ?? 0) + part.length;
      }
      break;
    }
    total += cost;
    end = (match.index ?? 0) + match[0].length;
  }
  return text.slice(0, end);
}

/**
 * Emulated classification: pick one of the offered labels by keyword overlap between the
 * text and each label's words plus a few documented synonyms. Weaker tiers make more
 * mistakes (a seeded chance of a wrong label: tier 1 30%, tier 2 15%, tier 3 5%, tier 4 0%),
 * so accuracy differs between models the way it does in real migrations.
 */
import { words } from './text';

/** Words that suggest a label, for common support-ticket labels. */
export const LABEL_SYNONYMS: Record<string, string[]> = {
  billing: ['bill', 'invoice', 'charge', 'charged', 'payment', 'refund', 'price', 'subscription', 'card', 'fee', 'paid'],
  technical: ['error', 'bug', 'crash', 'crashes', 'broken', 'app', 'install', 'slow', 'timeout', 'api', 'update', 'screen', 'sync'],
  account: ['password', 'login', 'log', 'email', 'username', 'profile', 'locked', 'reset', 'two-factor', '2fa', 'delete', 'sign'],
  shipping: [
    'delivery',
    'deliver',
    'delivered',
    'package',
    'parcel',
    'tracking',
    'courier',
    'shipped',
    'arrive',
    'arrived',
    'address',
    'late',
  ],
  positive: ['great', 'good', 'love', 'excellent', 'happy', 'amazing'],
  negative: ['bad', 'terrible', 'hate', 'awful', 'poor', 'disappointed'],
};

const ERROR_RATE: Record<number, number> = { 1: 0.3, 2: 0.15, 3: 0.05, 4: 0 };

export function classify(text: string, labels: string[], tier: number, random: () => number): string {
  const bag = new Set(words(text));
  const scores = labels.map((label) => {
    const cues = [...words(label), ...(LABEL_SYNONYMS[label.toLowerCase()] ?? [])];
    return cues.reduce((s, w) => s + (bag.has(w) ? 1 : 0), 0);
  });
  const bestScore = scores.reduce((a, b) => Math.max(a, b), -Infinity);
  const fallback = labels.find((l) => /^(other|none|outro)$/i.test(l)) ?? labels[labels.length - 1];
  let answer = bestScore > 0 ? labels[scores.indexOf(bestScore)] : fallback;
  if (random() < (ERROR_RATE[tier] ?? 0.15)) {
    const others = labels.filter((l) => l !== answer);
    answer = others[Math.floor(random() * others.length)] ?? answer;
  }
  return answer;
}

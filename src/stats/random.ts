/**
 * Seeded random numbers: the same seed gives the same sequence, so a bootstrap interval
 * or an emulated latency can be reproduced exactly (seedrandom's ARC4-based generator,
 * https://github.com/davidbau/seedrandom).
 */
import seedrandom from 'seedrandom';

/** A generator of numbers in [0, 1) determined by `seed`. */
export function seededRandom(seed: number | string): () => number {
  const rng = seedrandom(String(seed));
  return () => rng();
}

/** A standard normal draw (Box–Muller transform) from a uniform generator. */
export function normalDraw(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

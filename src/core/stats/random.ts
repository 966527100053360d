/**
 * Seeded random numbers: the same seed gives the same sequence, so a bootstrap interval
 * or an emulated latency can be reproduced exactly. We use seedrandom's Alea generator
 * (Johannes Baagøe's algorithm, https://github.com/davidbau/seedrandom#other-fast-prng-algorithms):
 * good statistical quality and, unlike the default ARC4 generator, cheap to seed — the
 * local endpoint seeds one per request.
 */
import seedrandom from 'seedrandom';

/** A generator of numbers in [0, 1) determined by `seed`. */
export function seededRandom(seed: number | string): () => number {
  const rng = seedrandom.alea(String(seed));
  return () => rng();
}

/** A standard normal draw (Box–Muller transform) from a uniform generator. */
export function normalDraw(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Small, fast, seedable randomness for the demo-data generator. Math.random cannot be seeded, and
 * the generator must give identical rows for identical options, so it draws from sfc32 (a 128-bit
 * state generator that passes PractRand) seeded through splitmix32. Everything is 32-bit integer
 * arithmetic: no allocation per draw.
 */

/** splitmix32 / murmur3-style finalizer: a well-mixed 32-bit hash of a 32-bit value. */
export function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A stable hash of a few integers (seed, index, salt): the same inputs give the same output forever. */
export function hash32(a: number, b: number, c = 0): number {
  return mix32(mix32(mix32(a ^ 0x9e3779b9) ^ b) + Math.imul(c, 0x27d4eb2d));
}

/** hash32 scaled to [0, 1). */
export function hashUnit(a: number, b: number, c = 0): number {
  return hash32(a, b, c) / 4294967296;
}

export class Random {
  a: number;
  b: number;
  c: number;
  d: number;

  constructor(seed: number) {
    let s = seed | 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      return mix32(s);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Log-normally distributed around `median` (spread = sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number {
    // Box–Muller; 1 - next() keeps the logarithm's argument in (0, 1].
    const u = 1 - this.next();
    const v = this.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * normal);
  }
}

/** A fixed set of values with relative weights; `pick(u)` maps a uniform draw in [0, 1) to a value. */
export class Weighted<T> {
  readonly values: readonly T[];
  readonly cumulative: Float64Array;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('Weighted needs at least one entry');
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    if (!(total > 0)) throw new Error('Weighted needs a positive total weight');
    this.values = entries.map(([value]) => value);
    this.cumulative = new Float64Array(entries.length);
    let running = 0;
    entries.forEach(([, weight], i) => {
      running += weight / total;
      this.cumulative[i] = running;
    });
    this.cumulative[entries.length - 1] = 1;
  }

  pick(u: number): T {
    const cumulative = this.cumulative;
    // Linear for the short tables used here (they are ordered most likely first).
    for (let i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]!) return this.values[i]!;
    }
    return this.values[this.values.length - 1]!;
  }
}

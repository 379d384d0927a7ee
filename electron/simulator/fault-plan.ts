/**
 * Deterministic randomness for the simulator. Transport faults (5xx, drops, slow/truncated bodies,
 * HTML errors, 429 bursts) are drawn per request from `faultSeed` and a request counter, so the same
 * request sequence meets the same faults. Job faults (FAILED, early expiry) and latencies are drawn
 * from `faultSeed` + the params fingerprint + the attempt counter, so they do not depend on how
 * concurrent requests interleave, and a resubmit (next attempt) gets a fresh draw.
 */
import type { SimulatorFaults } from './options';

/** 32-bit integer mix (murmur3 finaliser); cheap and good enough to decorrelate counters. */
function mix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A uniform number in [0, 1) from any list of integers. */
export function unitFrom(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) h = mix32(h ^ mix32((p | 0) + 0x7f4a7c15));
  return mix32(h) / 2 ** 32;
}

/** First 32 bits of a hex fingerprint, as a number for `unitFrom`. */
export function fingerprintBits(fingerprint: string): number {
  return Number.parseInt(fingerprint.slice(0, 8), 16) | 0;
}

/** Salts so that each kind of draw is independent of the others. */
const SALT = {
  drop: 1,
  serverError: 2,
  serverErrorKind: 3,
  htmlError: 4,
  htmlErrorKind: 5,
  slowBody: 6,
  truncatedBody: 7,
  burst: 8,
  burstLength: 9,
  failed: 10,
  failedReason: 11,
  expireEarly: 12,
  latency: 13,
  latencyPair: 14,
} as const;

/** What happens to one request at the transport level, decided before any side effect. */
export type TransportFault =
  | { kind: 'none' }
  | { kind: 'drop' }
  | { kind: 'serverError'; status: 500 | 502 | 504 }
  | { kind: 'htmlError'; status: 502 | 503 };

/** How a 2xx body is delivered. */
export type BodyDelivery = 'normal' | 'slow' | 'truncated';

export const CONTENT_BLOCK_REASONS = [
  'Content blocked: the prompt or image was flagged by the safety filter',
  'Content blocked: the generated image was flagged by the moderation model',
  'Request failed: the prompt violates the content policy',
] as const;

/** Per-request draws for one simulator instance. */
export class FaultPlan {
  private counter = 0;

  constructor(
    private seed: number,
    private faults: SimulatorFaults,
  ) {}

  update(seed: number, faults: SimulatorFaults): void {
    this.seed = seed;
    this.faults = faults;
  }

  /** Numbers each incoming request; every later draw for that request uses this ticket. */
  nextTicket(): number {
    this.counter += 1;
    return this.counter;
  }

  private draw(ticket: number, salt: number): number {
    return unitFrom(this.seed, ticket, salt);
  }

  transport(ticket: number): TransportFault {
    const f = this.faults;
    if (f.dropConnection > 0 && this.draw(ticket, SALT.drop) < f.dropConnection) return { kind: 'drop' };
    if (f.serverError > 0 && this.draw(ticket, SALT.serverError) < f.serverError) {
      const statuses = [500, 502, 504] as const;
      return {
        kind: 'serverError',
        status: statuses[Math.floor(this.draw(ticket, SALT.serverErrorKind) * 3)]!,
      };
    }
    if (f.htmlError > 0 && this.draw(ticket, SALT.htmlError) < f.htmlError) {
      return { kind: 'htmlError', status: this.draw(ticket, SALT.htmlErrorKind) < 0.5 ? 502 : 503 };
    }
    return { kind: 'none' };
  }

  delivery(ticket: number): BodyDelivery {
    const f = this.faults;
    if (f.truncatedBody > 0 && this.draw(ticket, SALT.truncatedBody) < f.truncatedBody) return 'truncated';
    if (f.slowBody > 0 && this.draw(ticket, SALT.slowBody) < f.slowBody) return 'slow';
    return 'normal';
  }

  /** Whether this submit opens a 429 burst window, and its length as a fraction of the median latency. */
  burst(ticket: number): number | null {
    const p = this.faults.rateLimitBurst;
    if (p <= 0 || this.draw(ticket, SALT.burst) >= p) return null;
    return 0.2 + 0.8 * this.draw(ticket, SALT.burstLength);
  }

  /** Job-level faults, keyed by params fingerprint and attempt, independent of request interleaving. */
  jobFaults(fingerprint: string, attempt: number): { failReason: string | null; expireEarly: boolean } {
    const fp = fingerprintBits(fingerprint);
    const f = this.faults;
    let failReason: string | null = null;
    if (f.failed > 0 && unitFrom(this.seed, fp, attempt, SALT.failed) < f.failed) {
      const i = Math.floor(
        unitFrom(this.seed, fp, attempt, SALT.failedReason) * CONTENT_BLOCK_REASONS.length,
      );
      failReason = CONTENT_BLOCK_REASONS[i]!;
    }
    const expireEarly =
      f.expireEarly > 0 && unitFrom(this.seed, fp, attempt, SALT.expireEarly) < f.expireEarly;
    return { failReason, expireEarly };
  }

  /** A standard normal draw for the latency model (Box-Muller on two fingerprint-keyed uniforms). */
  latencyNormal(fingerprint: string, attempt: number): number {
    const fp = fingerprintBits(fingerprint);
    const u1 = Math.max(1e-12, unitFrom(this.seed, fp, attempt, SALT.latency));
    const u2 = unitFrom(this.seed, fp, attempt, SALT.latencyPair);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

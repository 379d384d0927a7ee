/**
 * How the simulator bills, like Segmind's table in ../shared/segmind-api.md: a COMPLETED generation is
 * billed; a FAILED one (422) and every error answer are not. Money model: an accepted submit *reserves*
 * the price against the balance (so concurrent submits cannot overdraw it), COMPLETED *settles* the
 * reservation as a charge, FAILED *releases* it. A submit that cannot reserve — balance minus
 * reservations below the price, or the team spend limit (charged + reserved) would be passed — is
 * refused with 406 before anything is created. All sums are whole micro-dollars.
 *
 * It also counts what a client could have learnt of each bill, for the studio's ledger to be checked
 * against: submits whose 200 answer never fully reached the client (ambiguous: a job exists that the
 * client does not know of), and, per job whose submit answer did arrive, whether an answer announcing
 * its outcome (COMPLETED or FAILED) reached the client.
 */
import type { Job } from './job-store';
import type { SimulatorOptions } from './options';

const micros = (usd: number): number => (Number.isFinite(usd) ? Math.round(usd * 1_000_000) : Infinity);
const usd = (m: number): number => (Number.isFinite(m) ? m / 1_000_000 : Infinity);

/** The simulator's billing figures (USD), part of `stats()`. */
export interface BillingStats {
  priceUsd: number;
  /** Credit balance (null when unlimited), reserved for jobs in flight, and charged since start. */
  balanceUsd: number | null;
  reservedUsd: number;
  chargedUsd: number;
  /** COMPLETED generations (billed) and their dollars; FAILED ones (not billed). Since the last reset. */
  billed: number;
  billedUsd: number;
  notBilled: number;
  /** Submits refused with 406 (credits or team spend limit). */
  refused: number;
  /** Accepted submits whose 200 answer did not fully reach the client. */
  ambiguousSubmits: number;
  /** Of the jobs whose submit answer arrived: outcomes announced to the client, by kind... */
  outcomesSeen: { billed: number; notBilled: number };
  /** ...and finished jobs whose outcome no answer has announced (yet). */
  outcomesUnseen: number;
}

/** Billing state of one job, kept on the job. */
export interface JobBilling {
  /** Micro-dollars reserved at submit; 0 once settled or released. */
  reservedMicros: number;
  /** The submit's 200 answer did not fully reach the client. */
  answerLost: boolean;
  /** An answer announcing COMPLETED or FAILED reached the client. */
  outcomeSeen: boolean;
  /**
   * Brought back from the job archive after a restart: its reservation died with the old process, so a
   * COMPLETED charges the price then in force. Default false.
   */
  restored?: boolean;
}

/** Billing state of a job restored from the archive (see `JobBilling.restored`). */
export function restoredBilling(): JobBilling {
  return { reservedMicros: 0, answerLost: false, outcomeSeen: false, restored: true };
}

export class Billing {
  private reservedMicros = 0;
  private chargedMicros = 0;
  private billed = 0;
  private billedMicros = 0;
  private notBilled = 0;
  private refused = 0;
  private ambiguousSubmits = 0;
  private seenBilled = 0;
  private seenNotBilled = 0;
  /** Terminal jobs whose submit answer arrived. */
  private terminalKnown = 0;

  /** @param options the live options: `credits` is the balance and is charged in place. */
  constructor(private readonly options: () => SimulatorOptions) {}

  /**
   * The 406 message when one more generation cannot be reserved, else null. Segmind's wording is not
   * published; these say which limit it was, as the API notes ask.
   */
  refusal(): string | null {
    const { credits, priceUsd, teamSpendLimitUsd } = this.options();
    const price = micros(priceUsd);
    const available = micros(credits) - this.reservedMicros;
    if (available < price) {
      return `Insufficient credits: balance ${dollars(usd(Math.max(0, available)))}, needed ${dollars(priceUsd)}`;
    }
    const committed = this.chargedMicros + this.reservedMicros;
    if (committed + price > micros(teamSpendLimitUsd)) {
      return `Team spend limit reached: limit ${dollars(teamSpendLimitUsd)}, spent or reserved ${dollars(usd(committed))}, needed ${dollars(priceUsd)}`;
    }
    return null;
  }

  /** Counts a submit answered 406 by `refusal()`. */
  recordRefused(): void {
    this.refused += 1;
  }

  /** Reserves the price for an accepted submit; call only after `refusal()` said null. */
  reserve(): JobBilling {
    const price = micros(this.options().priceUsd);
    this.reservedMicros += price;
    return { reservedMicros: price, answerLost: false, outcomeSeen: false };
  }

  /** A job reached COMPLETED or FAILED: charge or release its reservation. */
  settle(job: Pick<Job, 'phase' | 'billing'>): void {
    const b = job.billing;
    this.reservedMicros -= b.reservedMicros;
    if (job.phase === 'COMPLETED') {
      const o = this.options();
      const charge = b.restored ? micros(o.priceUsd) : b.reservedMicros;
      this.chargedMicros += charge;
      this.billedMicros += charge;
      this.billed += 1;
      o.credits = usd(micros(o.credits) - charge);
    } else {
      this.notBilled += 1;
    }
    b.reservedMicros = 0;
    if (!b.answerLost) this.terminalKnown += 1;
  }

  /** The submit's 200 answer did not reach the client whole: the client cannot know this job. */
  answerLost(job: Pick<Job, 'phase' | 'billing'>): void {
    if (job.billing.answerLost) return;
    job.billing.answerLost = true;
    this.ambiguousSubmits += 1;
    if (isTerminal(job)) this.terminalKnown -= 1;
  }

  /** An answer announcing the job's outcome reached the client. */
  outcomeDelivered(job: Pick<Job, 'phase' | 'billing'>): void {
    const b = job.billing;
    if (b.outcomeSeen || b.answerLost || !isTerminal(job)) return;
    b.outcomeSeen = true;
    if (job.phase === 'COMPLETED') this.seenBilled += 1;
    else this.seenNotBilled += 1;
  }

  /** Zeroes the counters (not the balance, reservations or charges), like `resetStats()`. */
  resetCounters(): void {
    this.billed = 0;
    this.billedMicros = 0;
    this.notBilled = 0;
    this.refused = 0;
    this.ambiguousSubmits = 0;
    this.seenBilled = 0;
    this.seenNotBilled = 0;
    this.terminalKnown = 0;
  }

  snapshot(): BillingStats {
    const o = this.options();
    return {
      priceUsd: o.priceUsd,
      balanceUsd: Number.isFinite(o.credits) ? o.credits : null,
      reservedUsd: usd(this.reservedMicros),
      chargedUsd: usd(this.chargedMicros),
      billed: this.billed,
      billedUsd: usd(this.billedMicros),
      notBilled: this.notBilled,
      refused: this.refused,
      ambiguousSubmits: this.ambiguousSubmits,
      outcomesSeen: { billed: this.seenBilled, notBilled: this.seenNotBilled },
      outcomesUnseen: Math.max(0, this.terminalKnown - this.seenBilled - this.seenNotBilled),
    };
  }
}

function isTerminal(job: Pick<Job, 'phase'>): boolean {
  return job.phase === 'COMPLETED' || job.phase === 'FAILED';
}

function dollars(amount: number): string {
  if (!Number.isFinite(amount)) return 'unlimited';
  return Math.round(amount * 100) === amount * 100 ? `$${amount.toFixed(2)}` : `$${amount.toFixed(4)}`;
}

/**
 * The billing fields of a successful answer when the `billingFields` option is on: what this
 * generation cost and the balance left (Infinity is left out: an unlimited simulator has no balance).
 */
export function billingFields(options: SimulatorOptions): Record<string, number> {
  if (!options.billingFields) return {};
  return Number.isFinite(options.credits)
    ? { cost: options.priceUsd, remaining_credits: options.credits }
    : { cost: options.priceUsd };
}

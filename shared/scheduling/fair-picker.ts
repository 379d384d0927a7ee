/**
 * Which running batch the next pending job comes from. Higher priority always wins while it has
 * pending jobs; among equal priorities the batch using the smallest part of its share (in-flight jobs
 * divided by its weight) goes next, ties broken by least recently served, then by id so the result is
 * deterministic. `planSubmissions` fills several free slots at once, counting its own picks.
 */

export interface BatchCandidate {
  batchId: string;
  /** Larger runs first. */
  priority: number;
  /** Jobs of this batch in `submitting`, `queued` or `processing`. */
  inFlight: number;
  /** Jobs of this batch waiting to be submitted; a batch with 0 is never picked. */
  pending: number;
  /** When a job of this batch was last submitted; null if never (served first among ties). */
  lastServedMs: number | null;
  /** Relative weight within its priority; default 1. Non-positive or non-finite values count as 1. */
  share?: number;
}

interface Ranked {
  batchId: string;
  priority: number;
  inFlight: number;
  pending: number;
  share: number;
  /** lastServedMs, -Infinity for never; virtual picks in a plan get increasing values above all real ones. */
  servedKey: number;
}

function rank(c: BatchCandidate): Ranked {
  const share = c.share !== undefined && Number.isFinite(c.share) && c.share > 0 ? c.share : 1;
  return {
    batchId: c.batchId,
    priority: c.priority,
    inFlight: c.inFlight,
    pending: c.pending,
    share,
    servedKey: c.lastServedMs ?? Number.NEGATIVE_INFINITY,
  };
}

/** Negative when `a` should be served before `b`. */
function compare(a: Ranked, b: Ranked): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const load = a.inFlight / a.share - b.inFlight / b.share;
  if (load !== 0) return load;
  if (a.servedKey !== b.servedKey) return a.servedKey < b.servedKey ? -1 : 1;
  return a.batchId < b.batchId ? -1 : a.batchId > b.batchId ? 1 : 0;
}

function best(ranked: readonly Ranked[]): Ranked | null {
  let chosen: Ranked | null = null;
  for (const r of ranked) {
    if (r.pending <= 0) continue;
    if (chosen === null || compare(r, chosen) < 0) chosen = r;
  }
  return chosen;
}

/** The batch the next pending job should come from, or null when no candidate has pending jobs. */
export function pickBatch(candidates: readonly BatchCandidate[]): string | null {
  return best(candidates.map(rank))?.batchId ?? null;
}

/**
 * Plans `slots` picks at once, as if each pick were submitted immediately (its batch gains one
 * in-flight job, loses one pending job and becomes the most recently served). Returns batch ids in
 * submit order, possibly fewer than `slots` when pending jobs run out. Does not modify `candidates`.
 */
export function planSubmissions(candidates: readonly BatchCandidate[], slots: number): string[] {
  const ranked = candidates.map(rank);
  let virtualClock = Math.max(0, ...ranked.map((r) => (Number.isFinite(r.servedKey) ? r.servedKey : 0)));
  const plan: string[] = [];
  for (let i = 0; i < slots; i++) {
    const chosen = best(ranked);
    if (chosen === null) break;
    chosen.inFlight += 1;
    chosen.pending -= 1;
    virtualClock += 1;
    chosen.servedKey = virtualClock;
    plan.push(chosen.batchId);
  }
  return plan;
}

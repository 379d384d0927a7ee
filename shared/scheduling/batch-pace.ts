/**
 * A batch's pace (jobs per minute) and ETA, measured on the batch's own *running* clock: time only
 * passes while the batch runs, so pausing freezes both figures instead of letting the rate decay, and
 * another batch's completions never count. With enough completions in the recent window the observed
 * rate is used (it already includes 429 back-off and the real latency); before that, the model rate:
 * the concurrency over the learnt median latency, capped by the account's request budget
 * (requests per minute / requests per job). With neither (nothing observed, no latency learnt) there is
 * no ETA rather than a guess from a headline figure.
 *
 * Seam: the model mirrors shared/scheduling's sweep-duration estimate (owner $: `estimateSweepDuration`
 * with the same inputs); the engine passes the request budget once the setting exists (owner E:
 * `requestsPerMinute`, null = not limited).
 */

/** Requests one job costs under a request budget: submit + a status poll + the result. */
export const PACE_REQUESTS_PER_JOB = 3;
/** Look-back window of running time for the observed rate. */
export const PACE_WINDOW_MS = 5 * 60_000;
/** Completions in the window needed before the observed rate is trusted over the model. */
export const PACE_MIN_SAMPLES = 5;
/** Completion stamps kept per batch. */
const MAX_STAMPS = 500;

/** A batch's running clock and its completions, stamped in running time. */
export interface PaceClock {
  /** Running time accumulated before `runningSince`. */
  activeMs: number;
  /** Wall time the batch last started running; null while it does not run. */
  runningSince: number | null;
  /** Running-time stamps of recent completions, oldest first. */
  stamps: number[];
}

export function newPaceClock(): PaceClock {
  return { activeMs: 0, runningSince: null, stamps: [] };
}

/** Running time of the batch at wall time `now`. */
export function runningTime(clock: PaceClock, now: number): number {
  return clock.activeMs + (clock.runningSince === null ? 0 : Math.max(0, now - clock.runningSince));
}

/** The clock with the batch running (true) or not from `now`. */
export function setRunning(clock: PaceClock, running: boolean, now: number): PaceClock {
  if (running === (clock.runningSince !== null)) return clock;
  return running
    ? { ...clock, runningSince: now }
    : { ...clock, activeMs: runningTime(clock, now), runningSince: null };
}

/** The clock with one completion at `now`. */
export function recordCompletion(clock: PaceClock, now: number): PaceClock {
  const stamps = [...clock.stamps, runningTime(clock, now)];
  return { ...clock, stamps: stamps.length > MAX_STAMPS ? stamps.slice(-MAX_STAMPS) : stamps };
}

export interface PaceInput {
  clock: PaceClock;
  now: number;
  /** Jobs not sent yet. */
  remainingJobs: number;
  /** Jobs in flight; counted as half done. */
  inFlight: number;
  /** Slots the scheduler allows now. */
  concurrency: number;
  /** The client's learnt median latency; null before any was observed. */
  medianLatencyMs: number | null;
  /** The account's request budget; null = not limited. */
  requestsPerMinute: number | null;
  /** Default 3. */
  requestsPerJob?: number;
  /** Default 5 min. */
  windowMs?: number;
  /** Default 5. */
  minSamples?: number;
}

export interface Pace {
  etaMs: number | null;
  jobsPerMinute: number;
  basis: 'observed' | 'model' | 'none';
}

/** Jobs per ms the batch managed over the recent window of its running time; null with too few samples. */
export function observedRate(
  input: Pick<PaceInput, 'clock' | 'now' | 'windowMs' | 'minSamples'>,
): number | null {
  const window = input.windowMs ?? PACE_WINDOW_MS;
  const t = runningTime(input.clock, input.now);
  const from = t - window;
  const recent = input.clock.stamps.filter((s) => s > from && s <= t).length;
  const span = Math.min(window, t);
  if (recent < (input.minSamples ?? PACE_MIN_SAMPLES) || span <= 0) return null;
  return recent / span;
}

/** Jobs per ms the model expects: concurrency over latency, capped by the request budget. */
export function modelRate(
  input: Pick<PaceInput, 'concurrency' | 'medianLatencyMs' | 'requestsPerMinute' | 'requestsPerJob'>,
): number | null {
  const slots =
    input.medianLatencyMs && input.medianLatencyMs > 0 && input.concurrency > 0
      ? Math.max(1, Math.floor(input.concurrency)) / input.medianLatencyMs
      : null;
  const budget =
    input.requestsPerMinute && input.requestsPerMinute > 0
      ? input.requestsPerMinute / (input.requestsPerJob ?? PACE_REQUESTS_PER_JOB) / 60_000
      : null;
  if (slots === null) return null;
  return budget === null ? slots : Math.min(slots, budget);
}

/** The batch's pace and ETA (see the module comment); etaMs 0 when nothing is left. */
export function estimatePace(input: PaceInput): Pace {
  const work = Math.max(0, input.remainingJobs) + Math.max(0, input.inFlight) / 2;
  const observed = observedRate(input);
  const model = observed === null ? modelRate(input) : null;
  const rate = observed ?? model;
  const basis: Pace['basis'] = observed !== null ? 'observed' : model !== null ? 'model' : 'none';
  const jobsPerMinute = rate === null ? 0 : rate * 60_000;
  if (work === 0) return { etaMs: 0, jobsPerMinute, basis };
  return { etaMs: rate === null ? null : work / rate, jobsPerMinute, basis };
}

/**
 * Offline is a state, not a failure. A few network-level failures in a row (refused, reset, DNS,
 * timeout, a connection that never answers) within a short window, with no answer in between, put the
 * engine offline: it stops submitting, fails nothing for a network reason, and probes with backoff
 * until an answer comes back, then goes on by itself. Any HTTP answer, even an error status, proves the
 * way to Segmind works. Pure: events in (with `nowMs`), a new state out.
 */

export interface ConnectivityOptions {
  /** Consecutive network failures (no answer in between) that mean offline. Default 3. */
  failuresToOffline: number;
  /** ...counted within this window; older failures are forgotten. Default 30 000 ms. */
  windowMs: number;
  /** Wait before the first probe once offline. Default 2 000 ms. */
  probeInitialMs: number;
  /** Growth of the probe wait per failed probe. Default 2. */
  probeGrowth: number;
  /** Longest wait between probes. Default 60 000 ms. */
  probeMaxMs: number;
  /** Share of a probe wait added at random, so many studios do not probe in step. Default 0.2. */
  probeJitter: number;
}

export const DEFAULT_CONNECTIVITY_OPTIONS: Readonly<ConnectivityOptions> = Object.freeze({
  failuresToOffline: 3,
  windowMs: 30_000,
  probeInitialMs: 2_000,
  probeGrowth: 2,
  probeMaxMs: 60_000,
  probeJitter: 0.2,
});

export type Connectivity =
  | {
      readonly state: 'online';
      /** When a request last got an HTTP answer (null before the first). */
      readonly lastOkMs: number | null;
      /** Network failures since the last answer, within the window, oldest first. */
      readonly recentFailuresMs: readonly number[];
    }
  | {
      readonly state: 'offline';
      readonly sinceMs: number;
      readonly lastOkMs: number | null;
      /** Probes sent and failed so far in this outage. */
      readonly probes: number;
      /** When the next probe goes out. */
      readonly nextProbeMs: number;
      /** The failure that tipped it, in words (e.g. "connect ECONNREFUSED 127.0.0.1:443"). */
      readonly cause: string;
    };

/** Online, nothing known yet. */
export function createConnectivity(): Connectivity {
  return { state: 'online', lastOkMs: null, recentFailuresMs: [] };
}

/** A request got an HTTP answer (any status): online, failures forgotten. */
export function onAnswer(nowMs: number): Connectivity {
  return { state: 'online', lastOkMs: nowMs, recentFailuresMs: [] };
}

/** The wait before probe number `probes + 1`, with jitter from `random01` in [0, 1). */
export function probeDelayMs(
  probes: number,
  random01: number,
  options: ConnectivityOptions = DEFAULT_CONNECTIVITY_OPTIONS,
): number {
  const base = Math.min(
    options.probeMaxMs,
    options.probeInitialMs * options.probeGrowth ** Math.max(0, probes),
  );
  return Math.round(base * (1 + options.probeJitter * Math.min(1, Math.max(0, random01))));
}

/**
 * A request failed at the network level. Online: counted; the `failuresToOffline`-th within the window
 * turns the state offline with its first probe scheduled. Offline already: nothing changes (requests
 * that were on the wire when the way closed come back one by one).
 */
export function onNetworkFailure(
  c: Connectivity,
  event: { nowMs: number; cause: string; random01: number },
  options: ConnectivityOptions = DEFAULT_CONNECTIVITY_OPTIONS,
): Connectivity {
  if (c.state === 'offline') return c;
  const recent = [...c.recentFailuresMs.filter((t) => t > event.nowMs - options.windowMs), event.nowMs];
  if (recent.length < options.failuresToOffline) return { ...c, recentFailuresMs: recent };
  return {
    state: 'offline',
    sinceMs: event.nowMs,
    lastOkMs: c.lastOkMs,
    probes: 0,
    nextProbeMs: event.nowMs + probeDelayMs(0, event.random01, options),
    cause: event.cause,
  };
}

/** A probe failed: the next one waits longer (up to `probeMaxMs`). */
export function onProbeFailed(
  c: Connectivity,
  event: { nowMs: number; random01: number },
  options: ConnectivityOptions = DEFAULT_CONNECTIVITY_OPTIONS,
): Connectivity {
  if (c.state !== 'offline') return c;
  const probes = c.probes + 1;
  return { ...c, probes, nextProbeMs: event.nowMs + probeDelayMs(probes, event.random01, options) };
}

/**
 * Whether the outage has lasted longer than the user allows (`failAfterMs`; null = wait for ever):
 * then jobs fail with that reason instead of waiting.
 */
export function outageOverLimit(c: Connectivity, nowMs: number, failAfterMs: number | null): boolean {
  return c.state === 'offline' && failAfterMs !== null && nowMs - c.sinceMs >= failAfterMs;
}

/** "Offline — retrying in 20 s" for a probe due at `nextProbeMs`: the words the top bar, the grid and the CLI show. */
export function describeRetry(nextProbeMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.ceil((nextProbeMs - nowMs) / 1000));
  return seconds > 0 ? `Offline — retrying in ${seconds} s` : 'Offline — retrying now';
}

/** {@link describeRetry} for a state; null while online. */
export function describeOffline(c: Connectivity, nowMs: number): string | null {
  return c.state === 'offline' ? describeRetry(c.nextProbeMs, nowMs) : null;
}

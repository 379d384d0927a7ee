/**
 * Telling a gap in time from latency. A process that was stopped (SIGSTOP, a debugger) or a machine
 * that slept finds, on waking, that much more time has passed than its own work took: a timer fires
 * far later than it was scheduled (the monotonic clock ran on while nothing ran), or the wall clock
 * jumped ahead of the monotonic one (on Linux and macOS the monotonic clock stops during suspend).
 * Either way, anything timed across that gap is not a measurement of the server, so the client treats
 * it like a restart: what was in flight is polled at once and teaches the latency model nothing.
 * Pure: readings come in, a verdict goes out.
 */

/** One reading of both clocks, in ms. */
export interface ClockReading {
  /** A monotonic clock (`performance.now()`). */
  monoMs: number;
  /** The wall clock (`Date.now()`). */
  wallMs: number;
}

export interface GapOptions {
  /** How often the caller reads the clocks when nothing else happens (its heartbeat). Default 1 000 ms. */
  heartbeatMs: number;
  /**
   * Lateness (beyond a heartbeat) or clock divergence that counts as a gap. Larger than any event-loop
   * stall the studio causes itself (decoding a large image), far smaller than a sleep. Default 5 000 ms.
   */
  thresholdMs: number;
}

export const DEFAULT_GAP_OPTIONS: Readonly<GapOptions> = Object.freeze({
  heartbeatMs: 1_000,
  thresholdMs: 5_000,
});

/**
 * The gap between two readings in ms, or 0 when there was none: the larger of how late the second
 * reading is (monotonic time beyond one heartbeat) and how far the wall clock moved differently from
 * the monotonic one. A wall clock set back counts too: timing across it is as meaningless.
 */
export function detectGap(
  previous: ClockReading,
  current: ClockReading,
  options: GapOptions = DEFAULT_GAP_OPTIONS,
): number {
  const mono = current.monoMs - previous.monoMs;
  const wall = current.wallMs - previous.wallMs;
  const late = mono - options.heartbeatMs;
  const divergence = Math.abs(wall - mono);
  const gap = Math.max(late, divergence);
  return gap >= options.thresholdMs ? gap : 0;
}

/**
 * Watches for gaps in time (the process stopped, the machine slept) with a heartbeat timer and on every
 * `check()`: each gap starts a new clock epoch. The poller times jobs on the monotonic clock and lets
 * one teach the latency model only when its whole interval lies in one epoch; waiting pollers are woken
 * on a gap so they poll at once, as after a restart. The verdict is shared/policy/clock-gap's.
 */
import { type ClockReading, DEFAULT_GAP_OPTIONS, detectGap, type GapOptions } from '@shared/policy/clock-gap';

export interface ClockWatch {
  /** The current epoch, after checking for a gap since the last reading. */
  epoch(): number;
  /** Monotonic ms (`performance.now()`). */
  monoNow(): number;
  /** Called with the gap's length in ms each time one is detected. Returns the unsubscribe function. */
  onGap(listener: (gapMs: number) => void): () => void;
  stop(): void;
}

export interface ClockWatchOptions extends Partial<GapOptions> {
  /** Clock sources (tests); default performance.now and Date.now. */
  read?: () => ClockReading;
}

/** Starts the heartbeat (unref'd: it never keeps a process alive). */
export function createClockWatch(options: ClockWatchOptions = {}): ClockWatch {
  const gapOptions: GapOptions = { ...DEFAULT_GAP_OPTIONS, ...options };
  const read = options.read ?? (() => ({ monoMs: performance.now(), wallMs: Date.now() }));
  const listeners = new Set<(gapMs: number) => void>();
  let last = read();
  let epoch = 0;

  const check = (): number => {
    const now = read();
    const gap = detectGap(last, now, gapOptions);
    last = now;
    if (gap > 0) {
      epoch++;
      for (const listener of listeners) listener(gap);
    }
    return epoch;
  };
  const timer = setInterval(check, gapOptions.heartbeatMs);
  timer.unref();

  return {
    epoch: check,
    monoNow: () => read().monoMs,
    onGap(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => clearInterval(timer),
  };
}

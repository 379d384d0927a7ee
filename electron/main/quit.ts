/**
 * Graceful quit: on the first quit request the shell stops submitting, lets submits in the air come back
 * with their request ids (so a restart polls them instead of paying again) and closes the journal, then
 * quits for real. Bounded: a hung request must not keep the app from quitting (a submit that never
 * answered has recorded its intent, and the next start resolves it).
 */

/** Upper bound of the graceful stop. Above the scheduler's 15 s grace for submits in the air. */
export const QUIT_TIMEOUT_MS = 20_000;

export interface GracefulQuitOptions {
  /** Stops the service (engine, backend, journal). */
  close(): Promise<void>;
  /** Quits for real (`app.quit`); called once, after close() settled or the bound passed. */
  quit(): void;
  /** Told when close() failed or overran; default: nothing. */
  onProblem?(problem: 'failed' | 'timed-out', err?: unknown): void;
  /** Default QUIT_TIMEOUT_MS. */
  timeoutMs?: number;
}

/**
 * A `before-quit` listener. Every quit request before the stop has finished is held back (a second
 * Cmd+Q waits for the same bounded stop); once it has, quitting proceeds.
 */
export function gracefulQuit(options: GracefulQuitOptions): (event: { preventDefault(): void }) => void {
  let phase: 'running' | 'closing' | 'closed' = 'running';
  return (event) => {
    if (phase === 'closed') return;
    event.preventDefault();
    if (phase === 'closing') return;
    phase = 'closing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), options.timeoutMs ?? QUIT_TIMEOUT_MS);
    });
    const closed = options.close().then(
      () => 'closed' as const,
      (err) => {
        options.onProblem?.('failed', err);
        return 'failed' as const;
      },
    );
    void Promise.race([closed, bound]).then((outcome) => {
      clearTimeout(timer);
      if (outcome === 'timed-out') options.onProblem?.('timed-out');
      phase = 'closed';
      options.quit();
    });
  };
}

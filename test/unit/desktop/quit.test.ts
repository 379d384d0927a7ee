/** The graceful quit: held back while the service stops, bounded, and quitting for real exactly once. */
import { describe, expect, it } from 'vitest';
import { gracefulQuit, QUIT_TIMEOUT_MS } from '../../../electron/main/quit';

function quitEvent() {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

describe('gracefulQuit', () => {
  it('holds every quit request until the service has stopped, then quits once and lets the next through', async () => {
    let finishClose!: () => void;
    let quits = 0;
    const onBeforeQuit = gracefulQuit({
      close: () => new Promise<void>((resolve) => (finishClose = resolve)),
      quit: () => quits++,
    });
    const first = quitEvent();
    onBeforeQuit(first);
    const second = quitEvent(); // a second Cmd+Q while stopping
    onBeforeQuit(second);
    expect([first.prevented, second.prevented, quits]).toEqual([true, true, 0]);
    finishClose();
    await new Promise((r) => setTimeout(r, 0));
    expect(quits).toBe(1);
    const after = quitEvent();
    onBeforeQuit(after);
    expect(after.prevented).toBe(false);
  });

  it('quits after the bound when stopping hangs, and says so', async () => {
    const problems: string[] = [];
    let quitAt = 0;
    const started = Date.now();
    const onBeforeQuit = gracefulQuit({
      close: () => new Promise<void>(() => {}),
      quit: () => (quitAt = Date.now()),
      onProblem: (problem) => problems.push(problem),
      timeoutMs: 50,
    });
    onBeforeQuit(quitEvent());
    await new Promise((r) => setTimeout(r, 400));
    expect(quitAt).toBeGreaterThanOrEqual(started + 45);
    expect(problems).toEqual(['timed-out']);
  });

  it('quits when stopping fails, reporting the error', async () => {
    const problems: unknown[] = [];
    let quits = 0;
    const onBeforeQuit = gracefulQuit({
      close: async () => {
        throw new Error('journal busy');
      },
      quit: () => quits++,
      onProblem: (problem, err) => problems.push([problem, (err as Error).message]),
    });
    onBeforeQuit(quitEvent());
    await new Promise((r) => setTimeout(r, 0));
    expect(quits).toBe(1);
    expect(problems).toEqual([['failed', 'journal busy']]);
  });

  it('bounds the stop above the scheduler grace for submits in the air', () => {
    // electron/engine/scheduler.ts stop(graceMs = 15_000): the shell must not cut that short.
    expect(QUIT_TIMEOUT_MS).toBeGreaterThan(15_000);
  });
});

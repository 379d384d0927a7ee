/**
 * Crash-test hook: `STUDIO_TEST_PAUSE_AT=<point>[:<n>]` makes the process stop at the n-th time (default
 * the first) it reaches a named point, print `STUDIO_TEST_PAUSED <point> <n>` on stderr and sleep
 * synchronously (the event loop and any open SQLite transaction stay exactly where they are) until it
 * is killed, or for `STUDIO_TEST_PAUSE_MS` (default 60 000 ms) after which it carries on. The crash
 * suite (test/suites/crash-suite.ts) SIGKILLs it on the marker, so a kill lands at that exact moment.
 *
 * Points: 'migration' (inside a migration's transaction, before commit), 'batch-insert' (inside the
 * batch creation transaction, after the jobs are inserted, before commit), 'output-rename' (an output's
 * temp file is written and synced, the rename has not happened).
 *
 * Inert in production: without the variable every call is one env lookup and returns. It is read at
 * run time, never a build-time constant, so a bundler cannot drop it; an unknown point name throws at
 * once, and the suite fails when it does not see the marker, so a hook that stopped working is noticed.
 */
import { writeSync } from 'node:fs';
import type { WriteFs } from '../images/atomic-write';

export const TEST_PAUSE_POINTS = ['migration', 'batch-insert', 'output-rename'] as const;
export type TestPausePoint = (typeof TEST_PAUSE_POINTS)[number];

/** Marker printed on stderr when the process pauses; the suite waits for it. */
export const TEST_PAUSE_MARKER = 'STUDIO_TEST_PAUSED';

const reached = new Map<TestPausePoint, number>();

/** The configured pause, or null; throws on a malformed value so a typo never silently disables it. */
export function testPauseTarget(
  env: NodeJS.ProcessEnv = process.env,
): { point: TestPausePoint; nth: number } | null {
  const raw = env.STUDIO_TEST_PAUSE_AT;
  if (!raw) return null;
  const [point, nth = '1'] = raw.split(':');
  if (!TEST_PAUSE_POINTS.includes(point as TestPausePoint) || !/^[1-9]\d*$/.test(nth)) {
    throw new Error(
      `STUDIO_TEST_PAUSE_AT=${raw}: expected one of ${TEST_PAUSE_POINTS.join(', ')}, optionally ':<n>'`,
    );
  }
  return { point: point as TestPausePoint, nth: Number(nth) };
}

/** Pauses here when `STUDIO_TEST_PAUSE_AT` names this point and this is its n-th visit (see file comment). */
export function testPause(point: TestPausePoint): void {
  const target = testPauseTarget();
  if (!target || target.point !== point) return;
  const count = (reached.get(point) ?? 0) + 1;
  reached.set(point, count);
  if (count !== target.nth) return;
  writeSync(2, `${TEST_PAUSE_MARKER} ${point} ${count}\n`);
  const ms = Number(process.env.STUDIO_TEST_PAUSE_MS ?? 60_000);
  // A synchronous sleep: nothing else in this process runs until the kill (or the timeout).
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number.isFinite(ms) ? ms : 60_000);
}

/** `fs` with the 'output-rename' pause between the durable temp write and the rename. */
export function withRenamePause(fs: WriteFs): WriteFs {
  return {
    ...fs,
    rename: async (from, to) => {
      testPause('output-rename');
      await fs.rename(from, to);
    },
  };
}

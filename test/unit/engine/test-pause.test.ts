/**
 * The crash-test hook's switch: off without STUDIO_TEST_PAUSE_AT, strict about its value (a typo must
 * fail loudly rather than silently disable a crash test). The pause itself is proven by the crash suite,
 * which fails when it does not see the marker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testPause, testPauseTarget } from '../../../electron/engine/test-pause';

afterEach(() => {
  delete process.env.STUDIO_TEST_PAUSE_AT;
});

describe('test pause hook', () => {
  it('is off without the variable, and testPause returns at once', () => {
    expect(testPauseTarget({})).toBeNull();
    const t = Date.now();
    testPause('migration');
    testPause('output-rename');
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('parses a point and an optional visit number', () => {
    expect(testPauseTarget({ STUDIO_TEST_PAUSE_AT: 'batch-insert' })).toEqual({
      point: 'batch-insert',
      nth: 1,
    });
    expect(testPauseTarget({ STUDIO_TEST_PAUSE_AT: 'output-rename:3' })).toEqual({
      point: 'output-rename',
      nth: 3,
    });
  });

  it('refuses an unknown point or a bad visit number', () => {
    for (const raw of ['migrations', 'output-rename:0', 'batch-insert:x', 'output-rename:']) {
      expect(() => testPauseTarget({ STUDIO_TEST_PAUSE_AT: raw })).toThrow(/STUDIO_TEST_PAUSE_AT/);
    }
  });

  it('does not pause at another point than the configured one', () => {
    process.env.STUDIO_TEST_PAUSE_AT = 'migration';
    const t = Date.now();
    testPause('output-rename');
    expect(Date.now() - t).toBeLessThan(1000);
  });
});

/** The matrix view's own vocabulary (axes, keys and tables are shared/sweep's, tested in test/unit/sweep). */
import { AXIS_ORDER } from '@shared/sweep';
import { describe, expect, it } from 'vitest';
import { AXIS_TITLES } from '../../../renderer/src/views/matrix/matrix-model';

describe('AXIS_TITLES', () => {
  it('has a distinct title for every axis', () => {
    for (const a of AXIS_ORDER) expect(AXIS_TITLES[a]).toBeTruthy();
    expect(new Set(AXIS_ORDER.map((a) => AXIS_TITLES[a])).size).toBe(AXIS_ORDER.length);
  });
});

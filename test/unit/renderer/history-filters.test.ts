/** History's filters, including "has picks". */
import { describe, expect, it } from 'vitest';
import { isFiltering, matchesFilters, NO_FILTERS } from '../../../renderer/src/views/history/history-filters';
import { makeBatch } from './job-fixture';

describe('history filters', () => {
  it('keep only batches with picks when asked', () => {
    const none = makeBatch();
    const picked = makeBatch({ id: 'b2', ratings: { picks: 2, rejects: 0, starred: 0, deleted: 0 } });
    const withPicks = { ...NO_FILTERS, withPicks: true };
    expect(isFiltering(withPicks)).toBe(true);
    expect(isFiltering(NO_FILTERS)).toBe(false);
    expect([none, picked].filter((b) => matchesFilters(b, withPicks, 0)).map((b) => b.id)).toEqual(['b2']);
    expect([none, picked].filter((b) => matchesFilters(b, NO_FILTERS, 0))).toHaveLength(2);
  });
});

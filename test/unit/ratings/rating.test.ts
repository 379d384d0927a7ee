/** The rating vocabulary: keys, filters and the clean-up scope. */
import {
  applyRating,
  type CleanupScope,
  filterMinStars,
  inCleanupScope,
  isRated,
  matchesRating,
  type RATING_FILTERS,
  type Rating,
  ratingForKey,
  ratingText,
  starsFilter,
  UNRATED,
} from '@shared/ratings';
import { describe, expect, it } from 'vitest';

const pick: Rating = { flag: 'pick', stars: 0 };
const reject3: Rating = { flag: 'reject', stars: 3 };
const three: Rating = { flag: 'none', stars: 3 };

describe('ratingForKey', () => {
  it('toggles the flags with P and X and unflags with U, in either case', () => {
    expect(ratingForKey('p', UNRATED)).toEqual({ flag: 'pick' });
    expect(ratingForKey('P', pick)).toEqual({ flag: 'none' });
    expect(ratingForKey('x', pick)).toEqual({ flag: 'reject' });
    expect(ratingForKey('X', reject3)).toEqual({ flag: 'none' });
    expect(ratingForKey('u', reject3)).toEqual({ flag: 'none' });
  });

  it('sets stars with 1-5, clears them with the same number again or 0', () => {
    for (let n = 1; n <= 5; n++) expect(ratingForKey(String(n), UNRATED)).toEqual({ stars: n });
    expect(ratingForKey('3', three)).toEqual({ stars: 0 });
    expect(ratingForKey('4', three)).toEqual({ stars: 4 });
    expect(ratingForKey('0', three)).toEqual({ stars: 0 });
  });

  it('leaves 0 alone where a view uses it, and ignores every other key', () => {
    expect(ratingForKey('0', three, { zeroIsTaken: true })).toBeNull();
    for (const key of ['6', '9', 'a', 'Enter', ' ', 'c', 'ArrowLeft', '', '12'])
      expect(ratingForKey(key, three), key).toBeNull();
  });

  it('applies a patch field by field', () => {
    expect(applyRating(three, { flag: 'pick' })).toEqual({ flag: 'pick', stars: 3 });
    expect(applyRating(pick, { stars: 2 })).toEqual({ flag: 'pick', stars: 2 });
  });
});

describe('rating filters', () => {
  const everyRating: Rating[] = [];
  for (const flag of ['none', 'pick', 'reject'] as const)
    for (let stars = 0; stars <= 5; stars++) everyRating.push({ flag, stars });

  it('select flags, the unrated, and N stars or more without rejects', () => {
    const select = (f: (typeof RATING_FILTERS)[number]) => everyRating.filter((r) => matchesRating(r, f));
    expect(select('pick')).toHaveLength(6);
    expect(select('reject').every((r) => r.flag === 'reject')).toBe(true);
    expect(select('unrated')).toEqual([UNRATED]);
    expect(select('stars-3')).toHaveLength(6);
    expect(select('stars-3').every((r) => r.stars >= 3 && r.flag !== 'reject')).toBe(true);
    expect(select('stars-5').map(ratingText)).toEqual(['★★★★★', 'pick ★★★★★']);
  });

  it('name their minimum stars both ways', () => {
    expect(filterMinStars('stars-4')).toBe(4);
    expect(filterMinStars('pick')).toBeNull();
    expect(starsFilter(2)).toBe('stars-2');
    expect(starsFilter(9)).toBe('stars-5');
    expect(starsFilter(0)).toBe('stars-1');
  });
});

describe('clean-up scope', () => {
  it('takes the rejects, and with the unrated scope the results nobody rated; never picks or stars', () => {
    const cases: [Rating, CleanupScope, boolean][] = [
      [reject3, 'rejected', true],
      [UNRATED, 'rejected', false],
      [UNRATED, 'rejected-and-unrated', true],
      [three, 'rejected-and-unrated', false],
      [pick, 'rejected-and-unrated', false],
    ];
    for (const [rating, scope, expected] of cases)
      expect(inCleanupScope(rating, scope), `${ratingText(rating)} / ${scope}`).toBe(expected);
    expect(isRated(UNRATED)).toBe(false);
    expect(ratingText(UNRATED)).toBe('—');
  });
});

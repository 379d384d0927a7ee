/**
 * Money as the studio counts it: US dollars (Segmind bills USD credits), compared in whole
 * micro-dollars so that sums of prices are exact (20 x $0.10 is exactly the $2.00 cap, never a float
 * hair above it), and one way of writing an amount for people.
 */

/** Segmind's list price of one `ideogram-img-2-img` generation (API notes: $0.10). */
export const DEFAULT_PRICE_PER_GENERATION_USD = 0.1;

/** A live run estimated above this many dollars needs the user's confirmation. Default $5. */
export const DEFAULT_CONFIRM_ABOVE_USD = 5;

/** Largest amount any money setting accepts (a typo guard, not a business rule). */
export const MAX_USD_SETTING = 1_000_000;

/** Whole micro-dollars of an amount: the unit every comparison of money uses. */
export function toMicros(usd: number): number {
  return Math.round(usd * 1_000_000);
}

/** Dollars of `count` items at `priceUsd` each, exact to the micro-dollar. */
export function timesPrice(count: number, priceUsd: number): number {
  return (count * toMicros(priceUsd)) / 1_000_000;
}

/** Sum of dollar amounts, exact to the micro-dollar. */
export function sumUsd(...amounts: number[]): number {
  return amounts.reduce((total, usd) => total + toMicros(usd), 0) / 1_000_000;
}

const dollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const fine = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

/** `$4,800.00`, `$0.10`; amounts with fractions of a cent keep up to 4 decimals (`$0.0125`). */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '—';
  const cents = Math.round(usd * 100);
  return toMicros(usd) === cents * 10_000 ? dollars.format(cents / 100) : fine.format(usd);
}

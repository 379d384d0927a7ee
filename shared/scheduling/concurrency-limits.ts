/**
 * The user's concurrency setting, declared once: its default, its bounds and the zod schema the contract
 * validates it with. The engine, the scheduler, the client's connection pool, the CLI, settings and the
 * renderer's controls all take the rule from here.
 */
import { z } from 'zod';

/** Fewest jobs in flight a user may ask for. */
export const USER_LIMIT_MIN = 1;
/** Most jobs in flight a user may ask for. */
export const USER_LIMIT_MAX = 64;
/** The setting before the user changes it: most accounts never answer 429 at 4. */
export const DEFAULT_USER_LIMIT = 4;

/** A concurrency setting: an integer from USER_LIMIT_MIN to USER_LIMIT_MAX. */
export const userLimitSchema = z.number().int().min(USER_LIMIT_MIN).max(USER_LIMIT_MAX);

/** True for a whole number from USER_LIMIT_MIN to USER_LIMIT_MAX. */
export function isUserLimit(n: number): boolean {
  return Number.isInteger(n) && n >= USER_LIMIT_MIN && n <= USER_LIMIT_MAX;
}

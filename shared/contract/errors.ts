/**
 * How failures cross the renderer <-> main boundary: as data, `{ code, message }`, with a small code
 * union. Handlers in main throw `ServiceError` for expected failures (the dispatcher turns it into that
 * data); the renderer's client rethrows it as `StudioApiError`, whose `code` a view checks instead of
 * matching the message.
 */

/**
 * The codes a contract call may fail with. `needs_confirmation`: the request is valid but too large to
 * run unasked (a sweep over LARGE_SWEEP_JOBS); the same call with `confirmLarge: true` goes through.
 * `needs_spend_confirmation`: a live run estimated above the confirmation threshold; the message states
 * the dollars, and the same call with `confirmSpendUsd` covering them goes through.
 */
export const ERROR_CODES = [
  'invalid_input',
  'needs_confirmation',
  'needs_spend_confirmation',
  'not_found',
  'auth',
  'credits',
  'conflict',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractError {
  code: ErrorCode;
  message: string;
}

/** Thrown by main-process handlers for expected failures; its code and message cross as they are. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Thrown on the renderer side when a call comes back `{ ok: false }`. */
export class StudioApiError extends Error {
  readonly code: ErrorCode;
  constructor(error: ContractError) {
    super(error.message);
    this.name = 'StudioApiError';
    this.code = error.code;
  }
}
